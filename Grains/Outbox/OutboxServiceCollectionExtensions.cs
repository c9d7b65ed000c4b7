using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CatalogHub.Grains.Outbox;

/// <summary>Registers the outbox dispatcher's services and the webhook channel.</summary>
public static class OutboxServiceCollectionExtensions
{
    public static IServiceCollection AddOutboxDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section));
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<DeliveryTargetStore>();
        services.AddSingleton<DeliveryProductReader>();
        services.TryAddSingleton<Outbound.OutboundConnector>();
        services.AddHttpClient(WebhookChannel.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(s => s.GetRequiredService<Outbound.OutboundConnector>().CreateHandler());
        services.AddSingleton<IDeliveryChannel, WebhookChannel>();
        return services;
    }
}
