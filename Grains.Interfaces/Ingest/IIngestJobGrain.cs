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
    /// <remarks>The body is never changed, by the caller or the job: a local call hands over the array, not a copy.</remarks>
    [Alias("Run")]
    Task<IngestJobRun> RunAsync(IngestJobSpec spec, [Immutable] byte[] body);

    /// <summary>
    /// Starts a batch whose body is stored with the job (for a resume after a crash) and handed over here too, so
    /// the job does not read back what the API has just written; returns once the job is sure to run. The body
    /// (≈ 9 MB for 10,000 entries) is never changed, so a local call hands over the array, not a copy.
    /// </summary>
    [Alias("Start")]
    Task StartAsync(IngestJobSpec spec, [Immutable] byte[] body);

    /// <summary>True while this activation runs the job (answered at once, also in the middle of a run).</summary>
    [Alias("IsRunning")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<bool> IsRunningAsync();

    /// <summary>
    /// Finishes a synchronous batch whose run was lost with its silo: the entries after its checkpoint run with
    /// <paramref name="body"/> (the retry's, the same request by its idempotency key), each exactly once. False when the
    /// job does not exist (purged); true once it has ended, whether now or before.
    /// </summary>
    [Alias("Resume")]
    Task<bool> ResumeAsync([Immutable] byte[] body);
}
