using System.Collections.Concurrent;
using System.Diagnostics;
using CatalogHub.ShopifySimulator;

namespace CatalogHub.Bench.Faults.Cases;

/// <summary>
/// Downstream outage (issue 11, faults 4): a store delivers to the Shopify simulator (tools/ShopifySimulator, in this
/// process), which answers every GraphQL request 503 (its <c>Unavailable</c> knob) while an ingestion load writes new
/// products into the store. During the outage no event of the store may be marked processed (polled every 500 ms);
/// afterwards every event is processed, none failed, and the shop holds every acknowledged product once (by handle).
/// The time to resume is the shop back → the first event processed (the target's back-off pause, up to
/// <c>Hub:Outbox:RetryCap</c>, is part of it).
/// </summary>
public sealed class DownstreamOutageCase(FaultRun run)
{
    private const string Token = "shpat_faults_0123456789abcdef012345";
    private const int Clients = 2;
    private const int PerRequest = 2;

    public async Task<FaultResult> RunAsync()
    {
        var clock = Stopwatch.StartNew();
        var store = "outage-shop";
        var target = $"store:{store}";
        await run.CreateStoresAsync(store);
        // The shop's cost bucket restores 1,000 points a second (Shopify Plus: 100 mutations/s) rather than the standard
        // plan's 50: the case is about the outage, and at 5 mutations a second the backlog of a 2-minute load would take
        // longer to drain than the outage lasted (the first full run: 7,610 events, 1,935 delivered 6 minutes later).
        await using var shop = await ShopifySimulatorHost.StartAsync(new ShopifySimulatorOptions
        {
            Knobs = new() { AccessToken = Token, RestoreRate = 1_000, MaximumAvailable = 20_000 },
        });
        var location = shop.Shop.Locations().Keys.First();
        using var viaA = run.Client(run.A);
        using var viaB = run.Client(run.B);
        var put = await viaA.CallAsync(HttpMethod.Put, $"/api/v1/admin/stores/{store}/delivery", new
        {
            kind = "shopify",
            shop_domain = shop.BaseUri.ToString().TrimEnd('/'),
            api_version = "2025-10",
            access_token = Token,
            location_ids = new Dictionary<string, string> { [store] = $"gid://shopify/Location/{location}" },
        });
        if (!put.Ok)
        {
            throw new InvalidOperationException($"delivery target: {put}");
        }

        shop.Control.Update(k => k with { Unavailable = true });
        var acknowledged = new ConcurrentBag<string>();
        long attempted = 0, errors5xx = 0, refused = 0;
        string? firstRefusal = null;
        long processedEarly = 0;
        var outage = Stopwatch.StartNew();
        var sequence = 0;
        var load = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            var http = c % 2 == 0 ? viaA : viaB;
            while (outage.Elapsed < run.Options.Outage)
            {
                var n = Interlocked.Increment(ref sequence);
                var handles = Enumerable.Range(0, PerRequest).Select(k => $"out-{n}-{k}").ToArray();
                Interlocked.Increment(ref attempted);
                var answer = await http.PostJsonAsync($"/api/v1/ingest/products/{store}", Http.Entries(handles.Select(h => (h, Http.Product(h, h.ToUpperInvariant())))));
                if (answer.Ok)
                {
                    foreach (var h in handles)
                    {
                        acknowledged.Add(h);
                    }
                }
                else
                {
                    Interlocked.Increment(ref refused);
                    Interlocked.Add(ref errors5xx, answer.Code >= 500 ? 1 : 0);
                    Interlocked.CompareExchange(ref firstRefusal, answer.ToString(), null);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250)); // a steady trickle (≈ 16 products a second), not a flood
            }
        })).ToList();
        var processed = () => run.ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE target = $1 AND status = 'processed'", target);
        while (load.Any(t => !t.IsCompleted))
        {
            processedEarly = Math.Max(processedEarly, await processed());
            await Task.WhenAny(Task.WhenAll(load), Task.Delay(TimeSpan.FromMilliseconds(500)));
        }

        await Task.WhenAll(load);
        processedEarly = Math.Max(processedEarly, await processed());
        var waiting = await run.ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE target = $1 AND status IN ('pending', 'processing')", target);
        var attemptsCharged = await run.ScalarAsync<long>("SELECT coalesce(sum(attempts), 0) FROM outbox_events WHERE target = $1", target);
        var graphQlDuringOutage = $"{shop.Requests.Unavailable} answered 503, {shop.Requests.Total} in all";

        shop.Control.Update(k => k with { Unavailable = false });
        var back = Stopwatch.StartNew();
        await FaultRun.EventuallyAsync(processed, n => n > 0, TimeSpan.FromMinutes(6), "the first event processed after the outage", TimeSpan.FromMilliseconds(200));
        var resume = back.Elapsed.TotalSeconds;
        var events = await run.ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE target = $1", target);
        await FaultRun.EventuallyAsync(processed, n => n >= events, TimeSpan.FromMinutes(10), $"all {events} events processed", TimeSpan.FromMilliseconds(200));
        var failed = await run.ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE target = $1 AND status = 'failed'", target);

        var handles = acknowledged.ToHashSet();
        var inShop = shop.Shop.Products().Where(p => p.Handle.StartsWith("out-", StringComparison.Ordinal)).ToList();
        var lost = handles.Count(h => shop.Shop.ProductByHandle(h) is null);
        var duplicated = inShop.Count - inShop.Select(p => p.Handle).Distinct().Count();
        var failures = new List<string>();
        if (processedEarly > 0)
        {
            failures.Add($"{processedEarly} events marked processed while the shop answered 503");
        }

        if (attemptsCharged > 0)
        {
            failures.Add($"{attemptsCharged} attempts charged for the outage");
        }

        if (waiting == 0)
        {
            failures.Add("no event waited during the outage");
        }

        if (failed > 0 || lost > 0 || duplicated > 0)
        {
            failures.Add($"{failed} events failed, {lost} acknowledged products missing in the shop, {duplicated} duplicated there");
        }

        if (refused > 0)
        {
            failures.Add($"{refused} ingestion requests refused (first: {firstRefusal})");
        }

        return new FaultResult
        {
            Case = $"outage: Shopify answers 503 for {run.Options.Outage.TotalSeconds:F0} s during an ingestion load",
            Guarantee = "nothing processed early; every event delivered afterwards; each product once in the shop",
            Attempted = attempted * PerRequest,
            Acknowledged = handles.Count,
            Lost = lost,
            Duplicated = duplicated,
            Errors5xx = errors5xx,
            ResumeSeconds = resume,
            Seconds = clock.Elapsed.TotalSeconds,
            Failures = failures,
            Note = $"counted in products; {waiting} events waiting at the end of the outage, {events} in all; shop requests during the outage: {graphQlDuringOutage}",
        };
    }
}
