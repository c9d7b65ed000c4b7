namespace CatalogHub.Grains.Ingest;

/// <summary>
/// Deletes ingestion jobs (with their results) past their retention and idempotency keys past their window, on a
/// reminder. One per cluster (key 0); every silo makes sure it is scheduled when it starts.
/// </summary>
[Alias("CatalogHub.Grains.Ingest.IIngestPurgeGrain")]
public interface IIngestPurgeGrain : IGrainWithIntegerKey
{
    /// <summary>Registers the purge reminder (idempotent).</summary>
    [Alias("EnsureScheduled")]
    Task EnsureScheduledAsync();

    /// <summary>Purges now; how many jobs and keys went.</summary>
    [Alias("Purge")]
    Task<(int Jobs, int Keys)> PurgeAsync();
}
