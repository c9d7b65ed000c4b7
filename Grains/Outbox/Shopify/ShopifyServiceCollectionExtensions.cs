using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CatalogHub.Grains.Outbox.Shopify;

/// <summary>Registers delivery to Shopify stores (targets of kind <c>shopify</c>).</summary>
public static class ShopifyServiceCollectionExtensions
{
    public static IServiceCollection AddShopifyChannel(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ShopifyThrottle>();
        services.AddSingleton<ShopifyGraphQlClient>();
        services.TryAddSingleton<Outbound.OutboundConnector>();
        services.AddHttpClient(ShopifyGraphQlClient.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(s => s.GetRequiredService<Outbound.OutboundConnector>().CreateHandler());
        services.AddSingleton<IDeliveryChannel, ShopifyChannel>();
        return services;
    }
}
