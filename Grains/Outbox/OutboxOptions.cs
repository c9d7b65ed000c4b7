namespace CatalogHub.Grains.Outbox;

/// <summary>Delivery settings (<c>Hub:Outbox</c>).</summary>
public sealed class OutboxOptions
{
    public const string Section = "Hub:Outbox";

    /// <summary>Events claimed per round (events of one product claimed with them come on top).</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Deliveries in flight per target.</summary>
    public int Concurrency { get; set; } = 16;

    /// <summary>How long claimed events stay <c>processing</c> before another activation may claim them (a silo died mid-delivery).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The first retry's delay; each further attempt doubles it (with jitter), up to <see cref="RetryCap"/>.</summary>
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan RetryCap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often each silo looks for targets with due events (a wake-up lost while a silo was down).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Deliver to private, loopback and link-local addresses too (<see cref="Outbound.OutboundAddresses"/>). Off by
    /// default; on by default when the hub runs on its own local PostgreSQL (a developer's machine, where the demo's
    /// receiver and simulator listen on 127.0.0.1).
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Time limit of one webhook request.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long one Shopify request may wait out the shop's throttle before the shop counts as unavailable (paused,
    /// no attempt counted). Below <see cref="Lease"/>, so a paced round never outlives its claim.
    /// </summary>
    public TimeSpan ShopifyPaceLimit { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether this silo relays NOTIFY wake-ups and sweeps (off only in tests that drive dispatchers by hand).</summary>
    public bool Enabled { get; set; } = true;
}
