using System.Net;
using System.Net.Http.Json;

namespace CatalogHub.IntegrationTests.Hosting;

/// <summary>
/// A hub whose own start-up migrates an empty database, as on a first run or an upgrade (the other tests
/// get databases copied from a template migrated beforehand).
/// </summary>
public class FreshDatabaseTests
{
    [Fact]
    public async Task TypesCreatedByMigrationsAreUsableRightAfterStartUp()
    {
        var db = await (await TestPostgres.InstanceAsync()).CreateDatabaseAsync();
        await using var hub = TestHub.On(db);
        await hub.InitializeAsync();
        using var client = hub.Client();

        // Categories bind an ltree parameter; ltree comes from migration 0004, applied by this very start.
        var response = await client.PostAsJsonAsync("/api/categories", new { name = "Apparel" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
