namespace CatalogHub.Grains.Imports;

/// <summary>Tuning of feed imports (<c>Hub:Imports</c>), read by the queue grains and by the API that receives the feeds.</summary>
public sealed class ImportOptions
{
    public const string Section = "Hub:Imports";

    /// <summary>The DI key of the <see cref="TimeProvider"/> imports stamp and expire with (tests shift it by days).</summary>
    public const string ClockKey = "imports";

    /// <summary>Feed items prepared, diffed and written together (one <c>ProductBatchWriter</c> call).</summary>
    public int ChunkSize { get; set; } = 500;

    /// <summary>A full import archiving, or a partial removing, more than this share of the active products is harmful.</summary>
    public double HarmfulShare { get; set; } = 0.5;

    /// <summary>How long an import's status (and a failed import's feed) is kept after it ended.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the purge of expired imports runs.</summary>
    public TimeSpan PurgePeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often a busy queue's reminder ticks: it keeps the queue's activation and resumes it after a crash.</summary>
    public TimeSpan KeepAlivePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>An import interrupted this many times (a silo died under it each time) ends FAILURE.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The largest feed body accepted, as sent (compressed when gzip).</summary>
    public long MaxBodyBytes { get; set; } = 1L << 30;

    /// <summary>At most this many validation errors are kept and reported; the reason says how many there were.</summary>
    public int MaxReportedErrors { get; set; } = 1000;
}
