using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
        services.AddHttpClient(WebhookChannel.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<IDeliveryChannel, WebhookChannel>();
        return services;
    }
}
