using System.Text.Json;
using System.Text.RegularExpressions;

namespace CatalogHub.Grains.Adapters.PromoStandards;

/// <summary>How the SOAPAction header is filled (suppliers' WSDLs differ; promostandards.md §1).</summary>
public enum SoapActionStyle
{
    /// <summary><c>"getProduct"</c>: the reference WSDLs' bare operation name (default).</summary>
    Operation,

    /// <summary><c>"http://www.promostandards.org/WSDL/ProductDataService/2.0.0/getProduct"</c>: namespace + operation.</summary>
    Namespace,

    /// <summary><c>""</c>: an empty action.</summary>
    Empty,
}

/// <summary>
/// A supplier's <c>adapter_config</c> for the <c>promostandards</c> adapter (snake_case JSON; credentials are
/// not here but in the supplier's credentials, keys <c>id</c> and <c>password</c>):
/// <code>
/// { "endpoints": { "product_data": "https://…", "pricing": "https://…", "media": "https://…", "inventory": "https://…" },
///   "price_type": "List", "currency": "USD", "localization": { "country": "US", "language": "en" },
///   "fob_id": "1", "timeout_seconds": 30, "soap_action": "operation" }
/// </code>
/// </summary>
public sealed partial record PromoStandardsSettings
{
    public required IReadOnlyDictionary<PsService, Uri> Endpoints { get; init; }

    /// <summary>PPC priceType: <c>List</c> (default), <c>Net</c> or <c>Customer</c>; also the canonical tiers' price_type.</summary>
    public string PriceType { get; init; } = "List";

    public string Currency { get; init; } = "USD";

    public string Country { get; init; } = "US";

    public string Language { get; init; } = "en";

    /// <summary>The PPC fobId. When set, the four hydration calls run at once; otherwise pricing waits for getProduct's first FobPoint.</summary>
    public string? FobId { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public SoapActionStyle SoapAction { get; init; } = SoapActionStyle.Operation;

    private static readonly string[] Known = ["endpoints", "price_type", "currency", "localization", "fob_id", "timeout_seconds", "soap_action"];

    /// <summary>Reads <paramref name="json"/>; the problems are keyed by field (e.g. <c>endpoints.pricing</c>), empty when valid.</summary>
    public static (PromoStandardsSettings? Settings, IReadOnlyDictionary<string, string[]> Problems) Parse(JsonElement json)
    {
        var problems = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Problem(string field, string message) => (problems.TryGetValue(field, out var list) ? list : problems[field] = []).Add(message);
        if (json.ValueKind != JsonValueKind.Object)
        {
            Problem("settings", "must be a JSON object");
            return (null, Done(problems));
        }

        foreach (var property in json.EnumerateObject())
        {
            if (property.Name is "id" or "password")
            {
                Problem(property.Name, "credentials belong in the supplier's credentials, not in adapter settings");
            }
            else if (!Known.Contains(property.Name))
            {
                Problem(property.Name, "unknown setting");
            }
        }

        var endpoints = new Dictionary<PsService, Uri>();
        var endpointsJson = Property(json, "endpoints");
        if (endpointsJson is not { ValueKind: JsonValueKind.Object })
        {
            Problem("endpoints", "an object with product_data, pricing, media and inventory URLs is required");
        }
        else
        {
            foreach (var service in Enum.GetValues<PsService>())
            {
                var key = PsNamespaces.SettingsKey(service);
                var text = String(endpointsJson.Value, key);
                if (text is null || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                {
                    Problem($"endpoints.{key}", "an absolute http or https URL is required");
                }
                else
                {
                    endpoints[service] = uri;
                }
            }
        }

        var settings = new PromoStandardsSettings { Endpoints = endpoints };
        var priceType = String(json, "price_type") ?? settings.PriceType;
        if (priceType is not ("List" or "Net" or "Customer"))
        {
            Problem("price_type", "must be List, Net or Customer");
        }

        var currency = String(json, "currency") ?? settings.Currency;
        if (!CurrencyPattern().IsMatch(currency))
        {
            Problem("currency", "must be an ISO 4217 code such as USD");
        }

        var localization = Property(json, "localization");
        var country = localization is { ValueKind: JsonValueKind.Object } l1 ? String(l1, "country") ?? settings.Country : settings.Country;
        var language = localization is { ValueKind: JsonValueKind.Object } l2 ? String(l2, "language") ?? settings.Language : settings.Language;
        if (localization is { } given && given.ValueKind != JsonValueKind.Object)
        {
            Problem("localization", "must be an object with country and language");
        }

        if (!CountryPattern().IsMatch(country))
        {
            Problem("localization.country", "must be an ISO 3166-1 alpha-2 code such as US");
        }

        if (!LanguagePattern().IsMatch(language))
        {
            Problem("localization.language", "must be an ISO 639-1 code such as en");
        }

        var fobId = String(json, "fob_id");
        if (Property(json, "fob_id") is not null && (string.IsNullOrEmpty(fobId) || fobId.Length > 64))
        {
            Problem("fob_id", "must be a non-empty string of at most 64 characters");
        }

        var timeout = settings.Timeout;
        if (Property(json, "timeout_seconds") is { } t)
        {
            if (t.ValueKind == JsonValueKind.Number && t.TryGetDouble(out var seconds) && seconds is >= 0.1 and <= 300)
            {
                timeout = TimeSpan.FromSeconds(seconds);
            }
            else
            {
                Problem("timeout_seconds", "must be a number of seconds between 0.1 and 300");
            }
        }

        var action = String(json, "soap_action") switch
        {
            null or "operation" => SoapActionStyle.Operation,
            "namespace" => SoapActionStyle.Namespace,
            "empty" => SoapActionStyle.Empty,
            _ => (SoapActionStyle?)null,
        };
        if (action is null)
        {
            Problem("soap_action", "must be operation, namespace or empty");
        }

        return problems.Count > 0
            ? (null, Done(problems))
            : (settings with
            {
                PriceType = priceType,
                Currency = currency,
                Country = country,
                Language = language,
                FobId = fobId,
                Timeout = timeout,
                SoapAction = action!.Value,
            }, Done(problems));
    }

    private static JsonElement? Property(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>A string property; a non-string value reads as an invalid (empty) string.</summary>
    private static string? String(JsonElement json, string name) => Property(json, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } s => s.GetString()!.Trim(),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        _ => "",
    };

    private static Dictionary<string, string[]> Done(Dictionary<string, List<string>> problems) =>
        problems.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);

    [GeneratedRegex("^[A-Z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex("^[A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex CountryPattern();

    [GeneratedRegex("^[a-z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();
}
