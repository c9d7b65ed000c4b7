using CatalogHub.Api.Products;
using CatalogHub.Silo.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CatalogHub.IntegrationTests.Products;

/// <summary>
/// The list is planned with each request's own values even though the hub's connections auto-prepare what
/// they repeat: a generic plan of a prepared list statement fits no filter value well (docs/performance.md).
/// </summary>
public class ProductListPlanTests(TestHub hub) : IClassFixture<TestHub>
{
    [Fact]
    public async Task ARepeatedListIsNeverPlannedGenericallyAndTheSettingEndsWithItsBatch()
    {
        // One physical connection with the hub's defaults: every list statement below is prepared on it.
        var connection = new NpgsqlConnectionStringBuilder(DatabaseHosting.WithDefaults(hub.ConnectionString)) { MaxPoolSize = 1 };
        await using var db = NpgsqlDataSource.Create(connection.ConnectionString);
        var reader = new ProductReader(db, new ProductTotals(Options.Create(new ProductListOptions { TotalCacheSeconds = 0 }), TimeProvider.System));
        var supplier = Guid.NewGuid();
        var id = await hub.UpsertProductAsync(CatalogTestData.Tee(supplier, "PLAN-1", name: "Planned Tee"));
        var query = new ProductListQuery { SupplierId = supplier, Q = "planned" };

        for (var i = 0; i < 12; i++)
        {
            var page = await reader.ListAsync(query);
            Assert.Equal(id, Assert.Single(page.Items).Id);
            Assert.Equal(1, page.Total);
        }

        await using var conn = await db.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT coalesce(sum(generic_plans), 0)::bigint, coalesce(sum(custom_plans), 0)::bigint, current_setting('plan_cache_mode')
            FROM pg_prepared_statements WHERE statement LIKE '%FROM products WHERE%'
            """, conn);
        await using var result = await cmd.ExecuteReaderAsync();
        Assert.True(await result.ReadAsync());
        Assert.Equal(0, result.GetInt64(0));
        Assert.True(result.GetInt64(1) >= 10, $"custom plans of the prepared page and count: {result.GetInt64(1)}");
        Assert.Equal("auto", result.GetString(2));
    }
}
