using CatalogHub.Grains.Catalog;

namespace CatalogHub.Grains.Outbox;

/// <summary>Kinds of downstream target a dispatcher delivers to.</summary>
public static class TargetKinds
{
    /// <summary>Shopify Admin GraphQL: products by <c>productSet</c>, inventory and prices by their own mutations.</summary>
    public const string Shopify = "shopify";

    /// <summary>A signed JSON POST per event (customer storefronts, stores configured that way, job callbacks).</summary>
    public const string Webhook = "webhook";
}

/// <summary>
/// Where and how one target receives its events, with its secret decrypted (the Shopify access token or the
/// webhook signing secret). Never logged or returned.
/// </summary>
/// <param name="Id">The target id: <c>store:{store_number}</c>, <c>customer:{uuid}</c> or <c>callback:{api key id}</c>.</param>
/// <param name="Kind">One of <see cref="TargetKinds"/>.</param>
/// <param name="Url">Webhook URL (webhook targets; a callback's URL comes with each event instead).</param>
/// <param name="ShopDomain">e.g. <c>example.myshopify.com</c>, or a full base URL <c>http://127.0.0.1:5123</c> (simulators).</param>
/// <param name="ApiVersion">Shopify Admin API version, e.g. <c>2025-10</c>.</param>
/// <param name="Secret">Shopify access token or webhook signing secret.</param>
/// <param name="ShopifyLocations">Hub location (<c>{store_number}/{location name}</c>, as in <see cref="InventoryLevel.Location"/>) → Shopify location id.</param>
public sealed record DeliveryTarget(
    string Id,
    string Kind,
    string? Url,
    string? ShopDomain,
    string? ApiVersion,
    string? Secret,
    IReadOnlyDictionary<string, long> ShopifyLocations)
{
    public override string ToString() => $"{Id} ({Kind})"; // never the secret
}

/// <summary>What the coalesced events of one delivery changed, so a channel sends only what it must.</summary>
[Flags]
public enum ChangeKinds
{
    None = 0,

    /// <summary>The product itself (created, updated by a product/POS entry, a feed or a sync, archived, restored, pushed): send the whole state.</summary>
    Product = 1,

    /// <summary>Inventory quantities only (ingestion inventory entries).</summary>
    Inventory = 2,

    /// <summary>Prices only (ingestion price entries).</summary>
    Price = 4,
}

/// <summary>
/// One delivery: the latest of a product's pending events (earlier ones coalesced into it) with the product's
/// current state, or a job callback with its own payload. <see cref="EventId"/> is stable across attempts, so
/// receivers de-duplicate on it.
/// </summary>
public sealed record DeliveryItem(
    Guid EventId,
    string EventType,
    DateTimeOffset OccurredAt,
    ChangeKinds Changes,
    DeliveredProduct? Product,
    string? CallbackUrl,
    string? PayloadJson);

/// <summary>A product's current state as a channel needs it, with the Shopify ids stored for it so far.</summary>
public sealed record DeliveredProduct(
    Guid Id,
    long Number,
    int Version,
    string Catalog,
    string Key,
    bool Archived,
    long? ShopifyProductId,
    CanonicalProduct Content,
    IReadOnlyList<VariantSyncIds> Variants);

/// <summary>A variant's hub number and Shopify ids (null until the first delivery returned them), by SKU.</summary>
public sealed record VariantSyncIds(string Sku, long Number, long? ShopifyVariantId, long? ShopifyInventoryItemId);

/// <summary>What one delivery attempt came to.</summary>
public abstract record DeliveryOutcome
{
    private DeliveryOutcome()
    {
    }

    /// <summary>Delivered; for Shopify, the ids Shopify holds the product and its variants under (saved by the dispatcher).</summary>
    public sealed record Delivered(ShopifyIds? Ids = null) : DeliveryOutcome;

    /// <summary>
    /// Not delivered. By default the target answered and refused this delivery (a 4xx, Shopify <c>userErrors</c>): the
    /// attempt counts against the event's <c>max_attempts</c>. <paramref name="Permanent"/>: retrying cannot help (a
    /// target that is not configured) — the events are failed at once. <paramref name="TargetGone"/>: the target said it
    /// is gone for good (HTTP 410): the dispatcher disables it and fails its open events. <paramref name="Unavailable"/>:
    /// the target could not take anything right now (5xx, 429, timeout, network error): no attempt is counted, the whole
    /// target is paused with exponential back-off and its events wait, so an outage of any length loses nothing.
    /// </summary>
    /// <para><paramref name="Ids"/>: ids Shopify gave before a later step of the same delivery failed (saved all the same,
    /// so the next attempt updates what was created instead of creating it again).</para>
    public sealed record Failed(string Message, bool Permanent = false, bool TargetGone = false, bool Unavailable = false, ShopifyIds? Ids = null) : DeliveryOutcome;
}

/// <summary>Shopify ids returned by <c>productSet</c>: the product and, by SKU, each variant and its inventory item.</summary>
public sealed record ShopifyIds(long ProductId, IReadOnlyList<ShopifyVariantIds> Variants);

/// <summary>One variant's Shopify ids.</summary>
public sealed record ShopifyVariantIds(string Sku, long VariantId, long InventoryItemId);

/// <summary>
/// Sends one delivery to one kind of target. Implementations pace themselves to the target's limits (a throttled
/// request waits and is sent again; it is not a failed attempt) and turn every other problem into
/// <see cref="DeliveryOutcome.Failed"/> with a message a person can act on, never an exception for the target's
/// answers. Cancellation (silo shutdown) may throw.
/// </summary>
public interface IDeliveryChannel
{
    /// <summary>One of <see cref="TargetKinds"/>.</summary>
    string Kind { get; }

    Task<DeliveryOutcome> DeliverAsync(DeliveryTarget target, DeliveryItem item, CancellationToken ct);
}
