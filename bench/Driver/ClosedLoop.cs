using System.Diagnostics;

namespace CatalogHub.Bench.Driver;

/// <summary>
/// N closed-loop clients (each sends its next request when the last one answered) for a fixed time:
/// latencies, completed operations and the exceptions seen.
/// </summary>
public static class ClosedLoop
{
    public sealed record Outcome(Latencies Latencies, long Operations, double Seconds, long Errors, string? FirstError)
    {
        /// <summary>This outcome and a later slice of the same measurement recorded into the same histogram.</summary>
        public Outcome Then(Outcome next) => new(next.Latencies, Operations + next.Operations, Seconds + next.Seconds, Errors + next.Errors, FirstError ?? next.FirstError);
    }

    public static async Task<Outcome> RunAsync(int clients, TimeSpan duration, Func<int, Random, Task> operation, Latencies? into = null)
    {
        var latencies = into ?? new Latencies();
        var before = latencies.Count;
        long errors = 0;
        string? firstError = null;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(c);
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await operation(c, random);
                    latencies.RecordSince(started);
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException or Npgsql.NpgsqlException)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, e.Message, null);
                }
            }
        })));
        return new Outcome(latencies, latencies.Count - before, clock.Elapsed.TotalSeconds, errors, firstError);
    }
}
