namespace CatalogHub.Grains.Outbox;

/// <summary>
/// Delivers the outbox events of one downstream target (key: the target id, <c>store:{store_number}</c>,
/// <c>customer:{uuid}</c> or <c>callback:{api key id}</c>), one activation per target in the cluster. It is woken
/// right after a commit wrote events for its target (PostgreSQL NOTIFY, relayed by every silo), by the admin retry
/// endpoints, by a timer when a back-off ends, and by a reminder while it has open events, so nothing waits for a
/// poll and nothing is forgotten after a crash.
/// </summary>
[Alias("CatalogHub.Grains.Outbox.IOutboxDispatcherGrain")]
public interface IOutboxDispatcherGrain : IGrainWithStringKey
{
    /// <summary>There may be events to deliver: make sure the dispatcher runs. Returns at once.</summary>
    [Alias("Wake"), Orleans.Concurrency.OneWay]
    Task WakeAsync();

    /// <summary>Where the dispatcher runs and what it is doing (for the console and tests).</summary>
    [Alias("GetStatus"), Orleans.Concurrency.AlwaysInterleave, Orleans.Concurrency.ReadOnly]
    Task<DispatcherStatus> GetStatusAsync();
}

/// <summary>A dispatcher's state: its silo, whether a round runs, and the pause of an ongoing outage of its target.</summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Outbox.DispatcherStatus")]
public sealed record DispatcherStatus(
    [property: Id(0)] string Silo,
    [property: Id(1)] bool Running,
    [property: Id(2)] int Outages,
    [property: Id(3)] DateTimeOffset? PausedUntil);

/// <summary>Purpose strings of the secrets the hub encrypts with its Data Protection key ring.</summary>
public static class SecretPurposes
{
    /// <summary>Shopify access tokens, webhook signing secrets and API keys' callback secrets.</summary>
    public const string Delivery = "CatalogHub.Delivery.Secrets.v1";
}

/// <summary>Outbox statuses (seed 002).</summary>
public static class OutboxStatuses
{
    public const string Pending = "pending";
    public const string Processing = "processing";
    public const string Processed = "processed";
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Pending, Processing, Processed, Failed];
}
