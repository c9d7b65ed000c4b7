using System.Net;
using System.Net.Http.Json;
using CatalogHub.Grains.Ingest.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace CatalogHub.IntegrationTests.Stores;

/// <summary>What ingestion sees of the stores the admin API created (<see cref="StoreDirectory"/>, registered in the silo).</summary>
public class StoreDirectoryTests(TestHub hub) : IClassFixture<TestHub>
{
    private static string NewStoreNumber() => "D" + Guid.NewGuid().ToString("N")[..12];

    private async Task<long> PostAsync(HttpClient admin, string path, object body)
    {
        var response = await admin.PostAsJsonAsync(path, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task FindReturnsTheExistingStoresWithAllTheirLocationsAndLeavesOutUnknownOnes()
    {
        using var admin = hub.Client();
        var (open, closed, unknown) = (NewStoreNumber(), NewStoreNumber(), NewStoreNumber());
        var openId = await PostAsync(admin, "/api/v1/admin/stores", new { store_number = open, name = "Open" });
        var closedId = await PostAsync(admin, "/api/v1/admin/stores", new { store_number = closed, name = "Closed", active = false });
        var warehouse = await PostAsync(admin, $"/api/v1/admin/stores/{open}/locations", new { name = "Main Warehouse" });
        var shut = await PostAsync(admin, $"/api/v1/admin/stores/{open}/locations", new { name = "Shut", active = false });
        var directory = hub.Services.GetRequiredService<StoreDirectory>();

        var found = await directory.FindAsync([open, closed, unknown, open], CancellationToken.None);

        Assert.Equal(2, found.Count);
        Assert.False(found.ContainsKey(unknown));
        var store = found[open];
        Assert.Equal((openId, open, true), (store.Id, store.StoreNumber, store.Active));
        Assert.Equal(new[] { open, "Main Warehouse", "Shut" }.Order(StringComparer.Ordinal), store.LocationsByName.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new LocationInfo(warehouse, "Main Warehouse", true), store.LocationsByName["Main Warehouse"]);
        Assert.Equal(new LocationInfo(shut, "Shut", false), store.LocationsByName["Shut"]);
        Assert.True(store.LocationsByName[open].Active);
        // Names are compared exactly as stored.
        Assert.False(store.LocationsByName.ContainsKey("main warehouse"));
        Assert.False(store.LocationsByName.ContainsKey(" Main Warehouse"));

        Assert.Equal((closedId, false), (found[closed].Id, found[closed].Active));
        Assert.Equal([closed], found[closed].LocationsByName.Keys);
    }

    [Fact]
    public async Task ChangesThroughTheAdminApiShowAtOnce()
    {
        using var admin = hub.Client();
        var number = NewStoreNumber();
        await PostAsync(admin, "/api/v1/admin/stores", new { store_number = number, name = "Soon closed" });
        var directory = hub.Services.GetRequiredService<StoreDirectory>();
        Assert.True((await directory.FindAsync([number], CancellationToken.None))[number].Active);

        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/admin/stores/{number}") { Content = JsonContent.Create(new { active = false }) };
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(patch)).StatusCode);

        Assert.False((await directory.FindAsync([number], CancellationToken.None))[number].Active);
        Assert.Empty(await directory.FindAsync([], CancellationToken.None));
    }
}
