using Npgsql;

namespace CatalogHub.IntegrationTests.Imports;

/// <summary>
/// Atomicity: a fault at any point of an import's apply — an exception, a killed connection, a row the database
/// refuses — leaves the catalog byte for byte as it was (products, variants, outbox, attribute names), and the import
/// ends FAILURE with a reason.
/// </summary>
public class ImportFaultTests(ImportHub hub) : IClassFixture<ImportHub>
{
    private readonly HttpClient _client = hub.Client();

    /// <summary>Every point the faulted import passes (chunks of 3: 12 items in 4 chunks; p9 archived, p8 restored).</summary>
    public static TheoryData<string> Points()
    {
        var points = new TheoryData<string> { "locked", "validated", "harm-checked", "archive-selected", "archive-1-written", "attributes-named", "before-commit" };
        for (var chunk = 1; chunk <= 4; chunk++)
        {
            points.Add($"chunk-{chunk}-read");
            points.Add($"chunk-{chunk}-written");
            points.Add($"chunk-{chunk}-restored");
        }

        return points;
    }

    [Theory]
    [MemberData(nameof(Points))]
    public async Task AnExceptionAtAnyPointLeavesTheCatalogAsItWas(string point)
    {
        await FaultedImportLeavesCatalogAsItWasAsync(point, (_, _) => throw new InvalidOperationException($"injected at {point}"));
    }

    [Theory]
    [InlineData("chunk-2-read")]
    [InlineData("chunk-3-written")]
    [InlineData("archive-1-written")]
    public async Task AKilledConnectionLeavesTheCatalogAsItWas(string point)
    {
        await FaultedImportLeavesCatalogAsItWasAsync(point, async (connection, ct) =>
        {
            await using var other = new NpgsqlConnection(hub.ConnectionString);
            await other.OpenAsync(ct);
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend($1)", other);
            kill.Parameters.AddWithValue(connection.ProcessID);
            await kill.ExecuteScalarAsync(ct);
        });
    }

    [Fact]
    public async Task ARowTheDatabaseRefusesLeavesTheCatalogAsItWas()
    {
        await Sql.ScalarAsync<int>(hub.ConnectionString, """
            CREATE OR REPLACE FUNCTION refuse_feed_row() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.sku = 'n2-1' THEN RAISE EXCEPTION 'refused row %', NEW.sku; END IF; RETURN NEW; END $$;
            DROP TRIGGER IF EXISTS refuse_feed_row ON variants;
            CREATE TRIGGER refuse_feed_row BEFORE INSERT OR UPDATE ON variants FOR EACH ROW EXECUTE FUNCTION refuse_feed_row();
            SELECT 1
            """);
        try
        {
            await FaultedImportLeavesCatalogAsItWasAsync("none", null);
        }
        finally
        {
            await Sql.ScalarAsync<int>(hub.ConnectionString, "DROP TRIGGER refuse_feed_row ON variants; SELECT 1");
        }
    }

    private async Task FaultedImportLeavesCatalogAsItWasAsync(string point, Func<NpgsqlConnection, CancellationToken, ValueTask>? fault)
    {
        var catalog = FeedTestData.NewCatalog();
        await _client.ImportAsync(catalog, "type=full", FeedTestData.Ndjson(Enumerable.Range(0, 10).Select(i => FeedTestData.Product($"p{i}"))));
        await _client.ImportAsync(catalog, "type=partial", FeedTestData.Ndjson([new { remove = "p8" }]));
        var before = await FeedTestData.DumpAsync(hub.ConnectionString, catalog);
        var reached = false;
        hub.Faults.Set(async (p, _, connection, ct) =>
        {
            if (p == point && fault is not null)
            {
                reached = true;
                await fault(connection, ct);
            }
        });
        try
        {
            var feed = Enumerable.Range(0, 9).Select(i => FeedTestData.Product($"p{i}", price: i < 4 ? 20m : 10m,
                    attributes: [new { id = "fit", name = "Fit", value = "Slim" }]))
                .Concat(Enumerable.Range(0, 3).Select(i => FeedTestData.Product($"n{i}")));
            var (status, json) = await _client.ImportAsync(catalog, "type=full", FeedTestData.Ndjson(feed));

            Assert.Equal(400, status);
            Assert.Equal("FAILURE", json.GetProperty("status").GetString());
            Assert.Equal("APPLY_FAILED", json.GetProperty("code").GetString());
            Assert.NotEqual("", json.GetProperty("reason").GetString());
            Assert.True(reached || fault is null, $"the import never reached {point}");
            Assert.Equal(before, await FeedTestData.DumpAsync(hub.ConnectionString, catalog));
        }
        finally
        {
            hub.Faults.Set(null);
        }
    }
}
