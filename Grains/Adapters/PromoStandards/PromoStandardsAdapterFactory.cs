using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace CatalogHub.Grains.Adapters.PromoStandards;

/// <summary>
/// Creates <see cref="PromoStandardsAdapter"/>s (<c>adapter: "promostandards"</c>). Settings: see
/// <see cref="PromoStandardsSettings"/>; credentials: <c>id</c> (required) and <c>password</c>.
/// </summary>
public sealed class PromoStandardsAdapterFactory(IHttpClientFactory httpClients, ILoggerFactory loggers) : ISupplierAdapterFactory
{
    public const string AdapterName = "promostandards";

    /// <summary>The named HttpClient (with its time-out handler) the adapters use.</summary>
    public const string HttpClientName = "promostandards";

    public string Name => AdapterName;

    public IReadOnlyDictionary<string, string[]> Validate(JsonElement settings) => PromoStandardsSettings.Parse(settings).Problems;

    /// <summary>
    /// Throws <see cref="ArgumentException"/> for invalid settings (they are validated when saved) and
    /// <see cref="SupplierAuthException"/> when the <c>id</c> credential is missing.
    /// </summary>
    public ISupplierAdapter Create(SupplierAdapterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (settings, problems) = PromoStandardsSettings.Parse(context.Settings);
        if (settings is null)
        {
            throw new ArgumentException(
                "Invalid promostandards settings: " + string.Join("; ", problems.Select(p => $"{p.Key}: {string.Join(", ", p.Value)}")),
                nameof(context));
        }

        if (!context.Credentials.TryGetValue("id", out var id) || string.IsNullOrWhiteSpace(id))
        {
            throw new SupplierAuthException("promostandards: the credential 'id' is required");
        }

        var password = context.Credentials.GetValueOrDefault("password");
        var account = new PsAccount(id.Trim(), string.IsNullOrEmpty(password) ? null : password);
        var client = new PsClient(httpClients.CreateClient(HttpClientName), settings, account, loggers.CreateLogger<PromoStandardsAdapter>());
        return new PromoStandardsAdapter(client, settings);
    }
}
