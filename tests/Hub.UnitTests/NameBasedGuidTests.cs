using CatalogHub.Grains.Catalog;

namespace CatalogHub.UnitTests;

public class NameBasedGuidTests
{
    [Fact]
    public void MatchesTheRfcVersion5Definition() =>
        // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "www.example.com")
        Assert.Equal(
            new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"),
            NameBasedGuid.Create(new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com"));

    [Fact]
    public void ProductIdsAreStablePerCatalogAndKey()
    {
        Assert.Equal(NameBasedGuid.Product("store:1", "tee"), NameBasedGuid.Product("store:1", "tee"));
        Assert.NotEqual(NameBasedGuid.Product("store:1", "tee"), NameBasedGuid.Product("store:2", "tee"));
        Assert.NotEqual(NameBasedGuid.Product("store:1", "tee"), NameBasedGuid.Product("store:1", "Tee"));
    }

    [Fact]
    public void ProductKeysSplitAtTheFirstSlash()
    {
        var key = ProductKey.Parse("store:0001/tees/navy");
        Assert.Equal("store:0001", key.Catalog);
        Assert.Equal("tees/navy", key.Key);
        Assert.Equal("store:0001/tees/navy", key.ToString());
        Assert.Throws<ArgumentException>(() => ProductKey.Parse("no-slash"));
        Assert.Throws<ArgumentException>(() => ProductKey.Parse("store:1/"));
    }
}
