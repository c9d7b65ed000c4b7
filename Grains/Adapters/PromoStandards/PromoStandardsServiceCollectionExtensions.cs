using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace CatalogHub.Grains.Adapters.PromoStandards;

/// <summary>Registers the <c>promostandards</c> adapter and its HTTP client.</summary>
public static class PromoStandardsServiceCollectionExtensions
{
    /// <summary>Used when a request carries no time-out of its own.</summary>
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The factory as an <see cref="ISupplierAdapterFactory"/>, the <see cref="SupplierAdapterRegistry"/> (if
    /// absent), and the named HttpClient: a time-out per request (the supplier's <c>timeout_seconds</c>) and
    /// no retries — the sync job owns the retry policy. Calling it twice changes nothing.
    /// </summary>
    public static IServiceCollection AddPromoStandardsAdapter(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(ISupplierAdapterFactory) && d.ImplementationType == typeof(PromoStandardsAdapterFactory)))
        {
            return services;
        }

        services.AddHttpClient(PromoStandardsAdapterFactory.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All })
            .AddResilienceHandler("promostandards-timeout", pipeline => pipeline.AddTimeout(new HttpTimeoutStrategyOptions
            {
                TimeoutGenerator = args => ValueTask.FromResult(
                    args.Context.GetRequestMessage()?.Options.TryGetValue(PsClient.TimeoutOption, out var timeout) == true ? timeout : DefaultTimeout),
            }));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISupplierAdapterFactory, PromoStandardsAdapterFactory>());
        services.TryAddSingleton<SupplierAdapterRegistry>();
        return services;
    }
}
