using CatalogHub.Grains.Outbox;
using CatalogHub.Grains.Outbox.Shopify;

namespace CatalogHub.Silo.Outbox;

/// <summary>The propagate side in the host: dispatcher services, channels, secret decryption and the NOTIFY listener.</summary>
public static class OutboxHosting
{
    /// <summary>Registers delivery; call after the silo, so the listener starts once grains can be called.</summary>
    public static WebApplicationBuilder AddHubOutbox(this WebApplicationBuilder builder)
    {
        builder.Services.AddOutboxDelivery(builder.Configuration);
        builder.Services.AddShopifyChannel();
        builder.Services.AddSingleton<ITargetSecrets, DataProtectionTargetSecrets>();
        builder.Services.AddHostedService<OutboxListener>();
        return builder;
    }
}
