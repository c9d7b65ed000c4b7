using CatalogHub.Grains.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace CatalogHub.IntegrationTests.Catalog;

public class CatalogStoreShutdownTests
{
    [Fact]
    public async Task WritesQueuedWhenTheHostStopsAreCommittedAndLaterOnesRefused()
    {
        var db = await (await TestPostgres.InstanceAsync()).CreateMigratedDatabaseAsync();
        var hub = TestHub.On(db);
        await hub.InitializeAsync();
        var store = hub.Services.GetRequiredService<CatalogStore>();
        var source = new ChangeSource(ChangeSources.Admin, "shutdown");
        ProductWrite Write(int i)
        {
            var key = new ProductKey("store:0001", $"shutdown-{i}");
            return new ProductWrite(ProductContent.Prepare(key, new CanonicalProduct { ProductName = $"P{i}" }), null, source, DateTimeOffset.UtcNow);
        }

        var queued = Enumerable.Range(0, 300).Select(i => store.WriteAsync(Write(i))).ToList();
        await hub.DisposeAsync();

        foreach (var write in queued)
        {
            Assert.Equal(1, (await write.WaitAsync(TimeSpan.FromSeconds(30))).Stamp!.Version);
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync(Write(999)));
    }
}
