using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CatalogHub.Bench.Driver;
using CatalogHub.Bench.Scenarios.Ingest;
using CatalogHub.Grains.Outbox;
using CatalogHub.WebhookReceiver;
using Npgsql;

namespace CatalogHub.Bench.Scenarios.Deliver;

/// <summary>
/// deliver (issue 10): N products are ingested into a store that has no delivery target yet, so their N outbox events
/// wait; then the store's webhook target is set (which wakes its dispatcher) and the time until every event is
/// processed is measured — claim, product read, signed POST to a zero-latency receiver in the driver's process,
/// outcome recorded. Baseline in the same run: the driver POSTs the very bodies the receiver got, signed the same way,
/// with as many requests in flight as the dispatcher (<see cref="OutboxOptions.Concurrency"/>).
/// </summary>
public sealed class DeliverScenario(BenchContext context)
{
    public const string Database = "bench_deliver";
    public const string Store = "bench-deliver";
    public const string Secret = "bench-deliver-secret-0123456789";

    private readonly TextWriter _log = context.Log;

    public async Task RunAsync()
    {
        var (hub, db) = await context.HubAsync(Database);
        var n = context.Options.Events;
        await IngestScenario.CreateStoresAsync(db, Store);
        await using var receiver = await WebhookReceiverHost.StartAsync(new ReceiverOptions { Secrets = [Secret] });
        var target = $"store:{Store}";
        await FillAsync(hub, db, n);

        _log.WriteLine($"deliver: {n:N0} waiting events of {target} to {receiver.Url("hub")}");
        using var admin = hub.Http(0, 1);
        await using var sampler = new ProcessSampler(hub.SiloPids);
        var clock = Stopwatch.StartNew();
        using (var put = await admin.PutAsJsonAsync($"/api/v1/admin/stores/{Store}/delivery", new { kind = "webhook", url = receiver.Url("hub").ToString(), secret = Secret }))
        {
            put.EnsureSuccessStatusCode();
        }

        var (processed, failed) = await UntilDeliveredAsync(db, target, n);
        var seconds = clock.Elapsed.TotalSeconds;
        var (peakRss, cpu) = await sampler.StopAsync();
        var received = receiver.Deliveries.Where(d => d.Path == "/hub").ToList();
        var distinct = received.Select(d => d.EventId).Distinct().Count();
        var failures = new List<string>();
        if (processed != n || failed != 0)
        {
            failures.Add($"{processed:N0} processed and {failed:N0} failed of {n:N0} events");
        }

        if (distinct != n || received.Any(d => !d.Verified))
        {
            failures.Add($"the receiver got {distinct:N0} distinct events of {n:N0} ({received.Count(d => !d.Verified)} unverified)");
        }

        var baseline = await BaselineAsync(receiver, received);
        var rate = n / seconds;
        context.Add(new ScenarioResult
        {
            Scenario = "deliver",
            Case = $"{n:N0} product events to a webhook at zero latency (store target, concurrency {new OutboxOptions().Concurrency})",
            Operations = n,
            Seconds = seconds,
            PeakRssMb = peakRss,
            CpuSeconds = cpu,
            Baseline = "driver POSTs of the same signed bodies (throughput)",
            Ratio = baseline.OpsPerSecond > 0 ? rate / baseline.OpsPerSecond : 0,
            Note = $"{rate:N0} events/s delivered, {cpu * 1000 / n:F2} ms of silo CPU per event; {received.Count - distinct} duplicate POSTs",
            CheckFailures = failures,
        });
    }

    /// <summary>Ingests <paramref name="n"/> products (3 variants each): one waiting event each.</summary>
    private async Task FillAsync(BenchHub hub, NpgsqlDataSource db, int n)
    {
        var key = await IngestScenario.CreateKeyAsync(hub, db);
        var batch = Math.Min(n, 5_000);
        var batches = (n + batch - 1) / batch;
        var https = Enumerable.Range(0, 2).Select(c => hub.Http(c, 2, key)).ToArray();
        try
        {
            await using var progress = new Progress("deliver: ingest", n, _log);
            var outcome = await IngestJobs.RunAsync(https, Store, batches, b => IngestEntries.Body(b * batch, Math.Min(batch, n - (b * batch))), progress);
            if (outcome.Failures.Count > 0)
            {
                throw new InvalidOperationException($"deliver: ingesting its products failed: {string.Join("; ", outcome.Failures)}");
            }
        }
        finally
        {
            foreach (var http in https)
            {
                http.Dispose();
            }
        }
    }

    /// <summary>Waits until the target has no open event (polling the partial index of open events, cheap), then counts.</summary>
    private static async Task<(long Processed, long Failed)> UntilDeliveredAsync(NpgsqlDataSource db, string target, int n)
    {
        var deadline = Stopwatch.StartNew();
        while (await CountAsync(db, "SELECT count(*) FROM outbox_events WHERE target = $1 AND status IN ('pending', 'processing')", target) > 0
            && deadline.Elapsed < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(50);
        }

        return (await CountAsync(db, "SELECT count(*) FROM outbox_events WHERE target = $1 AND status = 'processed'", target),
            await CountAsync(db, "SELECT count(*) FROM outbox_events WHERE target = $1 AND status = 'failed'", target));
    }

    private static async Task<long> CountAsync(NpgsqlDataSource db, string sql, string target)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.AddWithValue(target);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>The same bodies POSTed by the driver with the dispatcher's concurrency: what the receiver takes at most.</summary>
    private async Task<ScenarioResult> BaselineAsync(RunningWebhookReceiver receiver, List<CatalogHub.WebhookReceiver.Recording.ReceivedDelivery> bodies)
    {
        var concurrency = new OutboxOptions().Concurrency;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency });
        var url = receiver.Url("baseline");
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Count)
            {
                var body = bodies[i].RawBody;
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
                request.Headers.Add(WebhookSignature.EventIdHeader, bodies[i].EventId);
                request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(Secret, body));
                using var response = await http.SendAsync(request);
                response.EnsureSuccessStatusCode();
            }
        }));
        var result = new ScenarioResult
        {
            Scenario = "deliver",
            Case = $"driver POSTs of the same {bodies.Count:N0} signed bodies, {concurrency} in flight",
            Operations = bodies.Count,
            Seconds = clock.Elapsed.TotalSeconds,
            Note = "baseline of deliver: the receiver's and the loopback's own limit",
        };
        context.Add(result);
        return result;
    }
}
