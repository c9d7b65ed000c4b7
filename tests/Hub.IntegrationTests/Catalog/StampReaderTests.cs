using CatalogHub.Grains.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace CatalogHub.IntegrationTests.Catalog;

public class StampReaderTests(TestHub hub) : IClassFixture<TestHub>
{
    [Fact]
    public async Task ManyConcurrentLoadsEachGetTheirOwnProductOrNull()
    {
        var store = hub.Services.GetRequiredService<CatalogStore>();
        var source = new ChangeSource(ChangeSources.Admin, "stamps");
        var keys = Enumerable.Range(0, 1_200).Select(i => new ProductKey("store:0007", $"stamp-{i}")).ToArray();
        var written = new Dictionary<ProductKey, ProductStamp>();
        foreach (var key in keys.Where((_, i) => i % 3 != 0))
        {
            var content = ProductContent.Prepare(key, new CanonicalProduct { ProductName = key.Key });
            written[key] = (await store.WriteAsync(new ProductWrite(content, null, source, DateTimeOffset.UtcNow))).Stamp!;
        }

        // More keys than one statement takes, all queued at once: they are read in several group reads.
        var reader = hub.Services.GetRequiredService<StampReader>();
        var loaded = await Task.WhenAll(keys.Select(reader.LoadAsync));

        for (var i = 0; i < keys.Length; i++)
        {
            Assert.Equal(written.GetValueOrDefault(keys[i]), loaded[i]);
        }

        Assert.Equal(800, loaded.Count(s => s is not null));
    }
}
