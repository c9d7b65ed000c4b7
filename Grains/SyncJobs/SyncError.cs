using System.Text.Json;
using CatalogHub.Grains.Adapters;

namespace CatalogHub.Grains.SyncJobs;

/// <summary>
/// One entry of a job's <c>errors</c> (seed 000): <c>{phase, ref, code, msg}</c>, phase one of
/// <c>registry</c>, <c>discover</c>, <c>hydrate</c>, <c>persist</c>; <c>ref</c> the supplier SKU for product errors.
/// </summary>
public sealed record SyncError(string Phase, string? Ref, string? Code, string Msg)
{
    public const string Registry = "registry";
    public const string Discover = "discover";
    public const string Hydrate = "hydrate";
    public const string Persist = "persist";

    /// <summary>Messages are cut to this many characters: an error list is for reading, not for dumps.</summary>
    public const int MaxMessage = 500;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static string ToJson(IEnumerable<SyncError> errors) => JsonSerializer.Serialize(errors, Json);

    /// <summary>
    /// The entry for <paramref name="exception"/> in <paramref name="phase"/>: the adapter's own code where it gave
    /// one, else the kind (<c>auth</c>, <c>transient</c>, <c>rejected</c>); a product no catalog may hold is
    /// <c>invalid_product</c>; anything else <c>unexpected</c> with its type.
    /// </summary>
    public static SyncError From(string phase, string? reference, Exception exception) => exception switch
    {
        SupplierAuthException e => new(phase, reference, e.Code ?? "auth", Cut(e.Message)),
        SupplierTransientException e => new(phase, reference, e.Code ?? "transient", Cut(e.Message)),
        SupplierRejectedException e => new(phase, reference, e.Code ?? "rejected", Cut(e.Message)),
        ArgumentException e when phase == Persist => new(phase, reference, "invalid_product", Cut(e.Message)),
        _ => new(phase, reference, "unexpected", Cut($"{exception.GetType().Name}: {exception.Message}")),
    };

    /// <summary>The entry a cancelled job ends with.</summary>
    public static SyncError Cancelled(string reason) => new(Hydrate, null, "cancelled", Cut(reason));

    private static string Cut(string message) => message.Length <= MaxMessage ? message : message[..MaxMessage] + "…";
}
