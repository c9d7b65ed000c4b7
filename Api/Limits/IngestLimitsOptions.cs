using CatalogHub.Grains.Limits;

namespace CatalogHub.Api.Limits;

/// <summary>
/// <c>Hub:Ingest:Limits</c>: the limits of keys that have none of their own (the <c>api_keys</c> limit columns are
/// null). Seed 002's figures by default.
/// </summary>
public sealed class IngestLimitsOptions
{
    public const string Section = "Hub:Ingest:Limits";

    /// <summary>Requests under <c>/api/v1</c> per key in any minute.</summary>
    public int RequestsPerMinute { get; set; } = KeyLimits.Defaults.RequestsPerMinute;

    /// <summary>Entries submitted per key in any minute.</summary>
    public int EntriesPerMinute { get; set; } = KeyLimits.Defaults.EntriesPerMinute;

    /// <summary>Largest request body in bytes (10 MB = 10 × 1024 × 1024).</summary>
    public long MaxPayloadBytes { get; set; } = KeyLimits.Defaults.MaxPayloadBytes;

    /// <summary>Most entries in one request.</summary>
    public int MaxEntriesPerRequest { get; set; } = KeyLimits.Defaults.MaxEntriesPerRequest;

    /// <summary>True when every limit is positive.</summary>
    public bool IsValid => RequestsPerMinute > 0 && EntriesPerMinute > 0 && MaxPayloadBytes > 0 && MaxEntriesPerRequest > 0;
}
