using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CatalogHub.Bench.Driver;
using CatalogHub.SupplierSimulator;

namespace CatalogHub.Bench.Faults.Cases;

/// <summary>
/// Soak (issue 11, faults 5): mixed load on both silos for a fixed time — closed-loop ingestion (five products a
/// request, new and changed), list and detail reads of the store, one supplier sync and one feed import started at the
/// beginning — with each silo's RSS and thread count sampled every second. Holds when no request got an error answer,
/// the sync and the import succeeded, and each silo's RSS and threads are flat: the mean of the last tenth of the run
/// within +20 % of the mean of its second tenth (for the full 10 minutes: the last minute against the second).
/// </summary>
public sealed class SoakCase(FaultRun run)
{
    private const string Store = "soak";
    private const double FlatLimit = 1.2;

    private sealed class Kind(string name)
    {
        public string Name { get; } = name;

        public Latencies Latencies { get; } = new();

        public long Requests;

        public long Errors;

        public long Errors5xx;

        public string? FirstError;
    }

    public async Task<FaultResult> RunAsync()
    {
        var clock = Stopwatch.StartNew();
        var duration = run.Options.Soak;
        await run.CreateStoresAsync(Store);
        using var viaA = run.Client(run.A);
        using var viaB = run.Client(run.B);
        HttpClient Via(int c) => c % 2 == 0 ? viaA : viaB;

        // Something to read from the start.
        var seeded = await viaA.PostJsonAsync($"/api/v1/ingest/products/{Store}", Http.Entries(Enumerable.Range(0, 100).Select(i => ($"s{i}", Http.Product($"soak-{i}", $"SOAK-{i}")))));
        if (!seeded.Ok)
        {
            throw new InvalidOperationException($"arrange: {seeded}");
        }

        var ids = (await viaA.GetJsonAsync($"/api/products?store_number={Store}&limit=100")).Body.EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToArray();

        // The background work: one supplier sync, one feed import.
        await using var simulator = await SupplierSimulatorHost.StartAsync(new SimulatorOptions { Products = run.Options.Quick ? 200 : 2_000, Knobs = new() { LatencyMinMs = 5, LatencyMaxMs = 15 } });
        var supplier = await Suppliers.CreateAsync(viaA, simulator, "soak", concurrency: 4);
        var sync = await viaB.PostJsonAsync($"/api/suppliers/{supplier}/import", new { mode = "full_sellable" });
        using var feed = new ByteArrayContent(Feed(run.Options.Quick ? 1_000 : 10_000));
        feed.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        feed.Headers.ContentEncoding.Add("gzip");
        using var posted = await viaA.PostAsync("/api/v1/catalogs/store:soak-feed/imports?type=full&blockingTimeout=PT0S", feed);
        var import = await Http.ReadAsync(posted);

        var kinds = new[] { new Kind("ingest"), new Kind("list"), new Kind("detail") };
        var samples = new ConcurrentQueue<(double Seconds, int Silo, double RssMb, int Threads)>();
        var pids = run.Hub.Silos.Select(s => s.ProcessId).ToArray();
        using var stop = new CancellationTokenSource();
        var sampling = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            var started = Stopwatch.StartNew();
            try
            {
                do
                {
                    for (var i = 0; i < pids.Length; i++)
                    {
                        samples.Enqueue((started.Elapsed.TotalSeconds, i, ProcessSampler.RssMb(pids[i]), Threads(pids[i])));
                    }
                }
                while (await timer.WaitForNextTickAsync(stop.Token));
            }
            catch (OperationCanceledException)
            {
                // The load ended.
            }
        });

        var sequence = 0;
        async Task LoopAsync(Kind kind, int client, Func<HttpClient, Random, Task<Answer>> send)
        {
            var random = new Random(client);
            var http = Via(client);
            var load = Stopwatch.StartNew();
            while (load.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref kind.Requests);
                try
                {
                    var answer = await send(http, random);
                    kind.Latencies.RecordSince(started);
                    if (!answer.Ok)
                    {
                        Fail(kind, answer.ToString(), answer.Code >= 500);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Fail(kind, e.Message, false);
                }
            }
        }

        var loops = new List<Task>();
        for (var c = 0; c < 2; c++)
        {
            loops.Add(LoopAsync(kinds[0], c, (http, random) =>
            {
                // Half new products, half changes of the seeded ones.
                var n = Interlocked.Increment(ref sequence);
                var entries = Enumerable.Range(0, 5).Select(k => random.Next(2) == 0
                    ? ($"n{n}-{k}", Http.Product($"soak-new-{n}-{k}", $"SN-{n}-{k}"))
                    : ($"c{n}-{k}", (object)new { handle = $"soak-{random.Next(100)}", title = $"Soak changed {n}", vendor = "Faults", variants = new[] { new { sku = $"SOAK-{random.Next(100)}", price = 10m + random.Next(50) } } }));
                return http.PostJsonAsync($"/api/v1/ingest/products/{Store}", Http.Entries(entries));
            }));
            loops.Add(LoopAsync(kinds[1], c + 1, (http, random) => http.GetJsonAsync($"/api/products?store_number={Store}&limit=50&skip={random.Next(200)}")));
            loops.Add(LoopAsync(kinds[2], c, (http, random) => http.GetJsonAsync($"/api/products/{ids[random.Next(ids.Length)]}")));
        }

        await Task.WhenAll(loops);
        await stop.CancelAsync();
        await sampling;

        var failures = new List<string>();
        foreach (var kind in kinds.Where(k => k.Errors > 0))
        {
            failures.Add($"{kind.Errors} {kind.Name} requests failed (first: {kind.FirstError})");
        }

        var syncStatus = sync.Code == 202
            ? (await FaultRun.EventuallyAsync(() => viaA.GetJsonAsync($"/api/sync-jobs/{sync.Str("sync_job_id")}"), a => a.Str("status") is "success" or "partial_success" or "failed" or "cancelled", TimeSpan.FromMinutes(5), "the soak's sync ends")).Str("status")
            : $"not started: {sync}";
        var importStatus = import.Code is 200 or 202
            ? (await FaultRun.EventuallyAsync(() => viaA.GetJsonAsync($"/api/v1/imports/{import.Str("id")}"), a => a.Str("status") is "SUCCESS" or "FAILURE" or "ABORTED", TimeSpan.FromMinutes(5), "the soak's import ends")).Str("status")
            : $"not started: {import}";
        if (syncStatus != "success" || importStatus != "SUCCESS")
        {
            failures.Add($"sync {syncStatus}, import {importStatus}");
        }

        // Flat: the last tenth against the second tenth, per silo, RSS and threads.
        var all = samples.ToList();
        var tenth = duration.TotalSeconds / 10;
        var flatness = new List<string>();
        for (var silo = 0; silo < pids.Length; silo++)
        {
            var mine = all.Where(s => s.Silo == silo).ToList();
            double Mean(Func<(double Seconds, int Silo, double RssMb, int Threads), double> value, double from, double to)
            {
                var window = mine.Where(s => s.Seconds >= from && s.Seconds < to).ToList();
                return window.Count == 0 ? 0 : window.Average(value);
            }

            var (rss2, rssLast) = (Mean(s => s.RssMb, tenth, 2 * tenth), Mean(s => s.RssMb, 9 * tenth, 10 * tenth + 1));
            var (thr2, thrLast) = (Mean(s => s.Threads, tenth, 2 * tenth), Mean(s => s.Threads, 9 * tenth, 10 * tenth + 1));
            flatness.Add(string.Create(CultureInfo.InvariantCulture, $"silo {silo}: RSS {rss2:F0}→{rssLast:F0} MB, threads {thr2:F0}→{thrLast:F0}"));
            if (rssLast > rss2 * FlatLimit || thrLast > thr2 * FlatLimit)
            {
                failures.Add($"silo {silo} not flat (last tenth > 120 % of the second): RSS {rss2:F0}→{rssLast:F0} MB, threads {thr2:F0}→{thrLast:F0}");
            }
        }

        var p99 = string.Join(", ", kinds.Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Name} p99 {k.Latencies.PercentileMs(99):F0} ms ({k.Requests:N0})")));
        return new FaultResult
        {
            Case = $"soak: {duration.TotalMinutes:0.##} min of mixed load on two silos",
            Guarantee = "no error answer; sync and import succeed; RSS and threads flat (last tenth ≤ 120 % of the second)",
            Attempted = kinds.Sum(k => k.Requests),
            Acknowledged = kinds.Sum(k => k.Requests - k.Errors),
            Errors5xx = kinds.Sum(k => k.Errors5xx),
            Seconds = clock.Elapsed.TotalSeconds,
            Failures = failures,
            Note = $"{p99}; {string.Join("; ", flatness)}; sync {syncStatus}, import {importStatus}",
        };
    }

    private static void Fail(Kind kind, string what, bool is5xx)
    {
        Interlocked.Increment(ref kind.Errors);
        if (is5xx)
        {
            Interlocked.Increment(ref kind.Errors5xx);
        }

        Interlocked.CompareExchange(ref kind.FirstError, what, null);
    }

    /// <summary>The process's thread count (<c>Threads:</c> in /proc/{pid}/status), 0 when it is gone.</summary>
    private static int Threads(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("Threads:", StringComparison.Ordinal));
            return line is null ? 0 : int.Parse(line["Threads:".Length..].Trim(), CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static byte[] Feed(int n)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gzip, new UTF8Encoding(false)))
        {
            for (var i = 0; i < n; i++)
            {
                writer.Write(JsonSerializer.Serialize(new { key = $"soak-feed-{i}", name = $"Soak feed {i}", variants = new[] { new { sku = $"SF{i}", price = 12.5m, stock = i % 20 } } }));
                writer.Write('\n');
            }
        }

        return output.ToArray();
    }
}
