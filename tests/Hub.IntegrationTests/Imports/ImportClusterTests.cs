using System.Globalization;
using CatalogHub.Api.Auth;
using Npgsql;

namespace CatalogHub.IntegrationTests.Imports;

/// <summary>Feed imports on two silo processes: one catalog's FIFO across silos, and a silo killed in the middle of an import.</summary>
public class ImportClusterTests
{
    private readonly string _adminKey = ApiKeySecret.Generate();

    private Dictionary<string, string?> Environment(string db, int chunkSize) => new()
    {
        ["ConnectionStrings__Hub"] = db,
        ["Hub__ClusterId"] = $"import-{Guid.NewGuid():N}"[..20],
        ["Hub__BootstrapAdminKey"] = _adminKey,
        ["Hub__Reminders__MinimumPeriod"] = "00:00:01",
        ["Hub__Imports__KeepAlivePeriod"] = "00:00:02",
        ["Hub__Imports__ChunkSize"] = chunkSize.ToString(CultureInfo.InvariantCulture),
        ["Hub__Ingest__Limits__RequestsPerMinute"] = "100000",
    };

    [Fact]
    public async Task FiveImportsPostedAtOnceToOneCatalogRunOneAfterAnotherInArrivalOrderWhileAnotherCatalogRuns()
    {
        var db = await (await TestPostgres.InstanceAsync()).CreateMigratedDatabaseAsync();
        await using var pair = await SiloPair.StartAsync(Environment(db, chunkSize: 50), _adminKey);
        var (catalog, other) = (FeedTestData.NewCatalog(), FeedTestData.NewCatalog());

        var posts = Enumerable.Range(0, 5).Select(n => (n % 2 == 0 ? pair.ViaA : pair.ViaB).ImportAsync(catalog, "type=partial&blockingTimeout=PT0S",
                FeedTestData.Ndjson(Enumerable.Range(0, 300).Select(i => FeedTestData.Product($"i{n}-{i}")))))
            .Append(pair.ViaB.ImportAsync(other, "type=full&blockingTimeout=PT0S", FeedTestData.Ndjson(Enumerable.Range(0, 600).Select(i => FeedTestData.Product($"o{i}")))))
            .ToList();
        var answers = await Task.WhenAll(posts);

        Assert.All(answers, a => Assert.Contains(a.Status, new[] { 200, 202 }));
        foreach (var (_, json) in answers)
        {
            Assert.Equal("SUCCESS", (await pair.ViaA.UntilFinishedAsync(json.GetProperty("id").GetString()!, 120)).GetProperty("status").GetString());
        }

        var runs = await RunsAsync(db, catalog);
        Assert.Equal(5, runs.Count);
        for (var i = 1; i < runs.Count; i++)
        {
            Assert.True(runs[i].Started >= runs[i - 1].Finished, $"import {runs[i].Id} started before {runs[i - 1].Id} (earlier in the queue) finished");
        }

        var beside = Assert.Single(await RunsAsync(db, other));
        Assert.True(beside.Started < runs[^1].Finished, "the other catalog's import waited for this catalog's queue");
        Assert.Equal(1500L, await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM products WHERE catalog = $1", catalog));
    }

    [Fact]
    public async Task KillingTheSiloRunningAnImportRunsItAgainFromItsStoredFeedOnTheSurvivor()
    {
        const int products = 6000;
        var db = await (await TestPostgres.InstanceAsync()).CreateMigratedDatabaseAsync();
        await using var pair = await SiloPair.StartAsync(Environment(db, chunkSize: 25), _adminKey);
        var catalog = FeedTestData.NewCatalog();
        var feed = FeedTestData.Ndjson(Enumerable.Range(0, products).Select(i => FeedTestData.Product($"k{i}", variants: 3)));

        var (status, json) = await pair.ViaA.ImportAsync(catalog, "type=full&blockingTimeout=PT0S", feed, gzip: true);
        Assert.Equal(202, status);
        var id = long.Parse(json.GetProperty("id").GetString()!, CultureInfo.InvariantCulture);
        // The apply holds the catalog's advisory lock while it runs: kill the silo once that is so (this database's lock
        // of this catalog: other tests' imports and silo start-ups hold advisory locks on the same server).
        const string Applying = """
            SELECT count(*) FROM pg_locks, LATERAL (SELECT hashtextextended('feed-import:' || $1, 0) AS k) key
            WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND classid::bigint = (key.k >> 32) & 4294967295 AND objid::bigint = key.k & 4294967295 AND objsubid = 1
            """;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await Sql.ScalarAsync<long>(db, Applying, catalog) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the import never started applying");
            await Task.Delay(5);
        }

        pair.A.Kill();
        Assert.Equal("IN_PROGRESS", await Sql.ScalarAsync<string>(db, "SELECT status FROM feed_imports WHERE id = $1", id));

        var done = await pair.ViaB.UntilFinishedAsync(id.ToString(CultureInfo.InvariantCulture), 240);
        Assert.Equal("SUCCESS", done.GetProperty("status").GetString());
        Assert.Equal(products, done.Summary("created"));
        Assert.True(await Sql.ScalarAsync<int>(db, "SELECT attempts FROM feed_imports WHERE id = $1", id) >= 2);
        Assert.Equal((long)products, await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM products WHERE catalog = $1 AND version = 1", catalog));
        Assert.Equal((long)products, await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM outbox_events WHERE catalog = $1", catalog));
    }

    private static async Task<List<(long Id, DateTimeOffset Started, DateTimeOffset Finished)>> RunsAsync(string db, string catalog)
    {
        await using var source = NpgsqlDataSource.Create(db);
        await using var cmd = source.CreateCommand("SELECT id, started_at, finished_at FROM feed_imports WHERE catalog = $1 ORDER BY seq");
        cmd.Parameters.AddWithValue(catalog);
        var runs = new List<(long, DateTimeOffset, DateTimeOffset)>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            runs.Add((r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetFieldValue<DateTimeOffset>(2)));
        }

        return runs;
    }
}
