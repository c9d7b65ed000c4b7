namespace CatalogHub.Grains.Limits;

/// <summary>
/// The limits of one API key on the ingestion API: its own (the <c>api_keys</c> columns) where set, else the
/// configured defaults (<c>Hub:Ingest:Limits</c>). The rate limit grain uses the per-minute pair; the request
/// body reader the size pair.
/// </summary>
/// <param name="RequestsPerMinute">Requests under <c>/api/v1</c> in any minute (default 60).</param>
/// <param name="EntriesPerMinute">Entries submitted in any minute (default 10,000).</param>
/// <param name="MaxPayloadBytes">Largest request body (default 10 MB = 10 × 1024 × 1024 bytes); larger is 413.</param>
/// <param name="MaxEntriesPerRequest">Most entries in one request (default 10,000); more is 422.</param>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Limits.KeyLimits")]
public sealed record KeyLimits(
    [property: Id(0)] int RequestsPerMinute,
    [property: Id(1)] int EntriesPerMinute,
    [property: Id(2)] long MaxPayloadBytes,
    [property: Id(3)] int MaxEntriesPerRequest)
{
    /// <summary>Seed 002's limits: 60 requests/min, 10,000 entries/min, 10 MB, 10,000 entries per request.</summary>
    public static KeyLimits Defaults { get; } = new(60, 10_000, 10L * 1024 * 1024, 10_000);
}
