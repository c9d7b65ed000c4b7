using System.Collections.Concurrent;
using System.Diagnostics;

namespace CatalogHub.Bench.Faults.Cases;

/// <summary>
/// PostgreSQL restart (issue 11, faults 3): a steady ingestion load (closed-loop clients over both silos, each request
/// five new products, answered synchronously) while the bench's server is stopped (<c>pg_ctl stop -m fast</c>), kept
/// down for a few seconds and started again. Every answer must be a 2xx or a 503 with <c>Retry-After</c> — never a
/// client timeout, never a 500 — the hub must answer 2xx again without a restart, and every product of a 2xx must be
/// stored. The time to resume is the server accepting connections again → the first 2xx of a request sent after that.
/// </summary>
public sealed class PostgresRestartCase(FaultRun run)
{
    private const int Clients = 4;
    private const int PerRequest = 5;
    private const int BurstWidth = 48;
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(30);

    private sealed record Sent(long StartedAt, long EndedAt, int Status, string? RetryAfter, string[] Handles, string Detail);

    public async Task<FaultResult> RunAsync()
    {
        var clock = Stopwatch.StartNew();
        var store = "pg-restart";
        await run.CreateStoresAsync(store);
        using var viaA = run.Client(run.A, ClientTimeout);
        using var viaB = run.Client(run.B, ClientTimeout);
        var sent = new ConcurrentQueue<Sent>();
        using var stop = new CancellationTokenSource();
        long backAt = long.MaxValue;
        var sequence = 0;

        var load = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            var http = c % 2 == 0 ? viaA : viaB;
            while (!stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref sequence);
                var handles = Enumerable.Range(0, PerRequest).Select(k => $"pg-{n}-{k}").ToArray();
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var answer = await http.PostJsonAsync($"/api/v1/ingest/products/{store}",
                        Http.Entries(handles.Select(h => (h, Http.Product(h, h.ToUpperInvariant())))));
                    sent.Enqueue(new Sent(started, Stopwatch.GetTimestamp(), answer.Code, answer.RetryAfter, handles, answer.Ok ? "" : answer.ToString()));
                    if (answer.Code == 503)
                    {
                        // A client honours Retry-After, within reason: the case is not about waiting.
                        await Task.Delay(TimeSpan.FromMilliseconds(500));
                    }
                }
                catch (TaskCanceledException)
                {
                    sent.Enqueue(new Sent(started, Stopwatch.GetTimestamp(), -1, null, handles, $"no answer within {ClientTimeout.TotalSeconds:F0} s"));
                }
                catch (HttpRequestException e)
                {
                    sent.Enqueue(new Sent(started, Stopwatch.GetTimestamp(), -2, null, handles, $"connection: {e.Message}"));
                }
            }
        })).ToList();

        // A burst of reads leaves each silo's pool holding many idle connections, as a busy hub's would: the restart
        // kills them all, and a pool that hands them out again answers the next burst with 503s.
        async Task<int[]> BurstAsync() => await Task.WhenAll(Enumerable.Range(0, BurstWidth).Select(async i =>
        {
            using var response = await (i % 2 == 0 ? viaA : viaB).GetAsync($"/api/products?store_number={store}&limit=5");
            return (int)response.StatusCode;
        }));

        // Steady load first, then the restart, then load until the hub has acknowledged requests again for a while.
        await FaultRun.EventuallyAsync(() => Task.FromResult(sent.Count(s => s.Status is >= 200 and < 300)), n => n >= 20, TimeSpan.FromMinutes(1), "steady load acknowledged");
        var before = await BurstAsync();
        run.Log.WriteLine($"  stopping PostgreSQL for {run.Options.DatabaseDown.TotalSeconds:F0} s under load");
        await run.Server.RestartAsync(run.Options.DatabaseDown);
        Interlocked.Exchange(ref backAt, Stopwatch.GetTimestamp());
        run.Db.Clear(); // the driver's own pooled connections died with the server
        double? resume = null;
        int[] after = [];
        var imports = new List<int>();
        try
        {
            var first = await FaultRun.EventuallyAsync(
                () => Task.FromResult(sent.Where(s => s.StartedAt >= backAt && s.Status is >= 200 and < 300).Select(s => (long?)s.EndedAt).Min()),
                t => t is not null, TimeSpan.FromMinutes(2), "a 2xx after the restart");
            resume = Stopwatch.GetElapsedTime(backAt, first!.Value).TotalSeconds;
            await FaultRun.EventuallyAsync(() => Task.FromResult(sent.Count(s => s.StartedAt >= backAt && s.Status is >= 200 and < 300)), n => n >= 20, TimeSpan.FromMinutes(1), "steady load after the restart");
            after = await BurstAsync();
            // Reminders live in the Orleans providers' own pools: a feed import on each silo registers its queue's
            // keep-alive reminder (a pool still holding connections the restart dropped answers it 503).
            foreach (var (http, i) in new[] { viaA, viaB }.Select((h, i) => (h, i)))
            {
                using var feed = new StringContent($"{{\"key\":\"after-{i}\",\"name\":\"After {i}\",\"variants\":[]}}\n", System.Text.Encoding.UTF8, "application/x-ndjson");
                using var response = await http.PostAsync($"/api/v1/catalogs/store:{store}/imports?type=partial&blockingTimeout=PT0S", feed);
                imports.Add((int)response.StatusCode);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(load);
        }

        var all = sent.ToList();
        var acknowledged = all.Where(s => s.Status is >= 200 and < 300).ToList();
        var handles = acknowledged.SelectMany(s => s.Handles).ToArray();
        var stored = await run.ScalarAsync<long>("SELECT count(*) FROM products WHERE catalog = $1 AND key = ANY ($2)", $"store:{store}", handles);
        var failures = new List<string>();
        void Check(IEnumerable<Sent> bad, string what)
        {
            var list = bad.ToList();
            if (list.Count > 0)
            {
                failures.Add($"{list.Count} {what} (first: {list[0].Detail})");
            }
        }

        Check(all.Where(s => s.Status == -1), "requests hung past the client timeout");
        Check(all.Where(s => s.Status == -2), "connections failed");
        Check(all.Where(s => s.Status == 503 && string.IsNullOrEmpty(s.RetryAfter)), "503 without Retry-After");
        Check(all.Where(s => s.Status >= 300 && s.Status != 503), "answers neither 2xx nor 503");
        Check(all.Where(s => s.Detail.Contains("   at ", StringComparison.Ordinal)), "answers with a stack trace");
        // Once the hub answered 2xx again it must stay up: a 503 after that is a connection the server dropped at its
        // restart, handed out again by a pool (each stale one costs a client a 503, however long after the restart).
        var recovered = acknowledged.Where(s => s.StartedAt >= backAt).Select(s => s.EndedAt).DefaultIfEmpty(long.MaxValue).Min();
        Check(all.Where(s => s.StartedAt > recovered && s.Status == 503), "503 after the hub had answered 2xx again");
        if (before.Any(s => s != 200) || after.Any(s => s != 200))
        {
            failures.Add($"a burst of {BurstWidth} reads got {string.Join(", ", before.Concat(after).Where(s => s != 200).GroupBy(s => s).Select(g => $"{g.Count()} × {g.Key}"))} "
                + $"({after.Count(s => s == 503)} × 503 after the restart: dropped connections handed out again)");
        }

        if (imports.Count != 2 || imports.Any(s => s is not (200 or 202)))
        {
            failures.Add($"feed imports after the restart answered {string.Join(", ", imports)} (expected 202 on each silo)");
        }

        if (stored != handles.Length)
        {
            failures.Add($"{handles.Length - stored} acknowledged products not stored");
        }

        if (run.Hub.Silos.Any(s => s.HasExited))
        {
            failures.Add("a silo exited");
        }

        var slowest = all.Count == 0 ? 0 : all.Max(s => Stopwatch.GetElapsedTime(s.StartedAt, s.EndedAt).TotalSeconds);
        return new FaultResult
        {
            Case = $"pg-restart: PostgreSQL down {run.Options.DatabaseDown.TotalSeconds:F0} s under ingestion load ({Clients} clients, {PerRequest} products a request)",
            Guarantee = "2xx or 503 + Retry-After, never a hang or a 500; recovers without a restart; every 2xx durable",
            Attempted = all.Count,
            Acknowledged = acknowledged.Count,
            Lost = handles.Length - stored,
            Errors5xx = all.Count(s => s.Status >= 500),
            ResumeSeconds = resume,
            Seconds = clock.Elapsed.TotalSeconds,
            Failures = failures,
            Note = $"answers: {string.Join(", ", all.GroupBy(s => s.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {(g.Key < 0 ? "none" : g.Key)}"))}; slowest answer {slowest:F1} s; "
                + $"bursts of {BurstWidth} reads before and after: {after.Count(s => s == 200)} × 200 after; lost counted in products",
        };
    }
}
