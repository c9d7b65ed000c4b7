using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CatalogHub.Bench.Driver;
using CatalogHub.Bench.Scenarios.Upserts;
using CatalogHub.Grains.Catalog;
using CatalogHub.Grains.Imports;
using CatalogHub.Grains.Imports.Feed;
using Npgsql;

namespace CatalogHub.Bench.Scenarios.Imports;

/// <summary>
/// import (issue 9, "Fast"): a <c>full</c> gzip NDJSON feed of N products × 10 variants posted to one catalog and
/// applied in one transaction, beside the raw bulk upsert (binary COPY + INSERT … ON CONFLICT) of the very same rows
/// in the same run; then the identical feed again, which must write no product, variant or outbox row; silo RSS
/// growth sampled during the import. N is <c>--catalog</c> (100,000 by default), 500 with <c>--quick</c>.
/// </summary>
public sealed class ImportScenario(BenchContext context)
{
    public const string Database = "bench_import";
    public const string Catalog = "store:bench-import";
    public const string RawCatalog = "store:bench-import-raw";
    public const int Variants = 10;
    public const double RatioGoal = 0.4;
    public const double RssGrowthGoalMb = 300;

    private readonly TextWriter _log = context.Log;

    public async Task RunAsync()
    {
        var (hub, db) = await context.HubAsync(Database);
        var n = context.Options.Quick && context.Options.CatalogGiven is null ? 500 : context.Options.CatalogProducts;
        using var http = hub.Http(0, 1);
        http.Timeout = TimeSpan.FromMinutes(30);
        _log.WriteLine($"import: building a gzip NDJSON feed of {n:N0} products × {Variants} variants");
        var feed = Feed(n);
        _log.WriteLine($"  {feed.Length / 1024.0 / 1024.0:F1} MB gzip");

        var raw = await RawAsync(db, n);
        var import = await ImportAsync(hub, db, http, feed, n, raw, again: false);
        await ImportAsync(hub, db, http, feed, n, import, again: true);
    }

    private static string Line(int i) => JsonSerializer.Serialize(new
    {
        key = $"feed-{i:D7}",
        name = $"Feed product {i}",
        brand = $"Brand {i % 50}",
        description = $"Product {i} of the import benchmark.",
        categories = new[] { $"Category {i % 40}" },
        images = new[] { new { url = $"https://img.example.com/feed/{i}.jpg", color = "Navy" } },
        attributes = new[] { new { id = "material", name = "Material", value = i % 2 == 0 ? "Cotton" : "Wool" } },
        variants = Enumerable.Range(0, Variants).Select(v => new { sku = $"F{i:D7}-{v}", size = $"S{v}", color = "Navy", price = 10m + v + (i % 100) / 100m, stock = (i + v) % 30 }),
    });

    private static byte[] Feed(int n)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gzip, new UTF8Encoding(false), 1 << 16))
        {
            for (var i = 0; i < n; i++)
            {
                writer.Write(Line(i));
                writer.Write('\n');
            }
        }

        return output.ToArray();
    }

    /// <summary>The rows the import writes, as the feed mapper makes them, for another catalog of the same shape.</summary>
    private static ProductContent Content(string catalog, int i)
    {
        var errors = new List<FeedError>();
        using var doc = JsonDocument.Parse(Line(i));
        var item = (FeedProduct)FeedItemMapper.Map(doc.RootElement, i, ImportType.Full, catalog, errors)!;
        return ProductContent.Prepare(new ProductKey(catalog, item.Key), item.Product);
    }

    private async Task<ScenarioResult> RawAsync(NpgsqlDataSource db, int n)
    {
        _log.WriteLine($"import (raw baseline): {n:N0} products × {Variants} variants, binary COPY + INSERT … ON CONFLICT, {RawUpsert.Chunk:N0} per transaction");
        await using var progress = new Progress("import raw baseline", n, _log);
        var clock = Stopwatch.StartNew();
        await new RawUpsert(db).WriteAsync(n, i => Content(RawCatalog, i), new ChangeSource(ChangeSources.Feed, "bench"), done => progress.Add(done));
        var seconds = clock.Elapsed.TotalSeconds;
        var rows = await CatalogRows.CountAsync(db, RawCatalog);
        var result = new ScenarioResult
        {
            Scenario = "import",
            Case = "raw bulk upsert of the same rows (COPY + INSERT … ON CONFLICT, 1 connection)",
            Operations = n,
            Seconds = seconds,
            RowsWritten = rows.Products + rows.Variants + rows.Events,
            CheckFailures = rows == (n, (long)n * Variants, n) ? [] : [$"rows {rows} ≠ expected"],
            Note = "baseline of the import; ops = products (10 variants each); includes building the rows from the feed's items",
        };
        context.Add(result);
        return result;
    }

    private async Task<ScenarioResult> ImportAsync(BenchHub hub, NpgsqlDataSource db, HttpClient http, byte[] feed, int n, ScenarioResult baseline, bool again)
    {
        var name = again ? "identical re-import (nothing may be written)" : $"full gzip NDJSON import, {n:N0} products × {Variants} variants, one transaction";
        _log.WriteLine($"import ({name})");
        var since = await CatalogRows.TransactionIdAsync(db);
        var rssBefore = hub.SiloPids.Sum(ProcessSampler.RssMb);
        var sampler = new ProcessSampler(hub.SiloPids);
        var clock = Stopwatch.StartNew();
        var content = new ByteArrayContent(feed);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        content.Headers.ContentEncoding.Add("gzip");
        using var response = await http.PostAsync($"/api/v1/catalogs/{Catalog}/imports?type=full&blockingTimeout=PT5M&name=bench", content);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        while (json.GetProperty("status").GetString() is "WAITING" or "IN_PROGRESS")
        {
            await Task.Delay(200);
            json = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/imports/{json.GetProperty("id").GetString()}")).RootElement;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var (peak, cpu) = await sampler.StopAsync();
        var written = await CatalogRows.WrittenSinceAsync(db, Catalog, since);
        var failures = new List<string>();
        if (json.GetProperty("status").GetString() != "SUCCESS")
        {
            failures.Add($"import ended {json}");
        }
        else if (json.GetProperty("summary").GetProperty(again ? "unchanged" : "created").GetInt32() != n)
        {
            failures.Add($"summary {json.GetProperty("summary")} ≠ {n} {(again ? "unchanged" : "created")}");
        }

        if (again && written != 0)
        {
            failures.Add($"{written} catalog rows written by an identical re-import");
        }

        var ratio = baseline.Seconds > 0 && !again ? baseline.Seconds / seconds : (double?)null;
        var growth = peak - rssBefore;
        var result = new ScenarioResult
        {
            Scenario = "import",
            Case = name,
            Operations = n,
            Seconds = seconds,
            PeakRssMb = peak,
            CpuSeconds = cpu,
            RowsWritten = written,
            Baseline = again ? null : baseline.Case,
            Ratio = ratio,
            Goal = again ? "0 product rows written" : $"≥ {RatioGoal}× raw, RSS growth ≤ {RssGrowthGoalMb} MB (was {growth:F0} MB); estimate ≤ 60 s at 100k",

            // The ratio to the same-run baseline is the goal; the issue's absolute 60 s is an estimate, reported in the note.
            GoalMet = again ? written == 0 : ratio >= RatioGoal && growth <= RssGrowthGoalMb,
            CheckFailures = failures,
            Note = $"silo RSS {rssBefore:F0} MB before, peak {peak:F0} MB; body {feed.Length / 1024.0 / 1024.0:F1} MB gzip; time includes upload and storing the body"
                + (again || n < 100_000 ? "" : $"; estimate ≤ 60 s {(seconds <= 60 ? "met" : "not met")} ({seconds:F1} s)"),
        };
        context.Add(result);
        return result;
    }
}
