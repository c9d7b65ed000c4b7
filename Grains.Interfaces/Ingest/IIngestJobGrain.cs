namespace CatalogHub.Grains.Ingest;

/// <summary>
/// One batch of the ingestion API, keyed by its job id (the <c>ingest_jobs</c> row the API created). Synchronous
/// and asynchronous batches run the same code: the first is awaited, the second runs in the background and
/// survives a silo crash (a reminder resumes it after the last entry with a result).
/// </summary>
[Alias("CatalogHub.Grains.Ingest.IIngestJobGrain")]
public interface IIngestJobGrain : IGrainWithIntegerKey
{
    /// <summary>Runs a small batch whose body is <paramref name="body"/> to the end; every entry's result.</summary>
    [Alias("Run")]
    Task<IngestJobRun> RunAsync(IngestJobSpec spec, byte[] body);

    /// <summary>
    /// Starts a batch whose body is stored with the job (for a resume after a crash) and handed over here too, so
    /// the job does not read back what the API has just written; returns once the job is sure to run.
    /// </summary>
    [Alias("Start")]
    Task StartAsync(IngestJobSpec spec, byte[] body);
}
