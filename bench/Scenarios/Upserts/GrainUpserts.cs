using System.Diagnostics;
using CatalogHub.Bench.Driver;
using CatalogHub.Grains.Catalog;

namespace CatalogHub.Bench.Scenarios.Upserts;

/// <summary>
/// Upserts products <c>0 … n-1</c> of a supplier's bench catalog through <see cref="IProductGrain"/> from
/// <c>callers</c> concurrent callers, each taking the next product when its last call answered.
/// </summary>
public static class GrainUpserts
{
    public sealed record Outcome(Latencies Latencies, double Seconds, long[] Outcomes);

    public static async Task<Outcome> RunAsync(IGrainFactory grains, Guid supplier, int n, int callers, ChangeSource source, Progress progress)
    {
        var latencies = new Latencies();
        var outcomes = new long[3];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < n)
            {
                var product = BenchProducts.Create(supplier, i);
                var grain = grains.GetGrain<IProductGrain>(BenchProducts.Key(supplier, i).ToString());
                var started = Stopwatch.GetTimestamp();
                var result = await grain.UpsertAsync(product, source);
                latencies.RecordSince(started);
                Interlocked.Increment(ref outcomes[(int)result.Outcome]);
                progress.Add();
            }
        })));
        return new Outcome(latencies, clock.Elapsed.TotalSeconds, outcomes);
    }
}
