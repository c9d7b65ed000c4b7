using HdrHistogram;

namespace CatalogHub.Bench.Driver;

/// <summary>A latency histogram (HdrHistogram, microsecond resolution, 3 significant digits) safe for concurrent recorders.</summary>
public sealed class Latencies
{
    private readonly LongConcurrentHistogram _histogram = new(1, TimeStamp.Minutes(10), 3);

    public long Count => _histogram.TotalCount;

    /// <summary>Records the time since <paramref name="startTimestamp"/> (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
    public void RecordSince(long startTimestamp)
    {
        var micros = System.Diagnostics.Stopwatch.GetElapsedTime(startTimestamp).Ticks / 10;
        _histogram.RecordValue(Math.Max(1, micros));
    }

    public double PercentileMs(double percentile) => _histogram.GetValueAtPercentile(percentile) / 1000.0;

    public ScenarioResult Describe(ScenarioResult result) =>
        result with { P50Ms = PercentileMs(50), P95Ms = PercentileMs(95), P99Ms = PercentileMs(99) };
}
