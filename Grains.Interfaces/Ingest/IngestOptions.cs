namespace CatalogHub.Grains.Ingest;

/// <summary>Tuning of ingestion jobs (<c>Hub:Ingest</c>), read by the job grains and by the API that accepts the jobs.</summary>
public sealed class IngestOptions
{
    public const string Section = "Hub:Ingest";

    /// <summary>Entries mapped, resolved and applied together; their results are recorded in one transaction (the checkpoint).</summary>
    public int ChunkSize { get; set; } = 500;

    /// <summary>How often an async job's reminder ticks: it keeps the job's activation and resumes it after a crash.</summary>
    public TimeSpan KeepAlivePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long jobs and their results are kept (seed 002's jobs stay queryable; purged by a reminder).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long an idempotency key answers with its first job.</summary>
    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Batches of at most this many entries are answered inline; larger ones run in the background (seed 002: 100).</summary>
    public int SyncMaxEntries { get; set; } = 100;

    /// <summary>How often the purge runs.</summary>
    public TimeSpan PurgePeriod { get; set; } = TimeSpan.FromHours(1);
}
