using System.Text.Json;
using CatalogHub.Grains.Ingest;

namespace CatalogHub.UnitTests.Ingest;

public class EntryDigestTests
{
    private static JsonElement Data(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private const string Shirt = """{"title":"Shirt","variants":[{"sku":"A-1","price":5}]}""";

    [Fact]
    public void TheSameEntryOfTheSameStoreHasTheSameDigestWhateverItsRow()
    {
        Assert.Equal(EntryDigest.Of(IngestKind.Products, "0001", 1, Data(Shirt)), EntryDigest.Of(IngestKind.Products, "0001", 7, Data(Shirt)));
    }

    [Fact]
    public void APosEntrysRowIsPartOfItsDigestBecauseItsDefaultTitleNamesTheRow()
    {
        Assert.NotEqual(EntryDigest.Of(IngestKind.Pos, "0001", 1, Data(Shirt)), EntryDigest.Of(IngestKind.Pos, "0001", 2, Data(Shirt)));
    }

    [Theory]
    [InlineData(IngestKind.Pos, "0001", Shirt)]
    [InlineData(IngestKind.Products, "0002", Shirt)]
    [InlineData(IngestKind.Products, "0001", """{"title":"Shirt","variants":[{"sku":"A-1","price":6}]}""")]
    [InlineData(IngestKind.Products, "0001", """{"title":"Shirt", "variants":[{"sku":"A-1","price":5}]}""")]
    public void AnotherKindStoreOrTextIsAnotherDigest(IngestKind kind, string store, string json)
    {
        Assert.NotEqual(EntryDigest.Of(IngestKind.Products, "0001", 1, Data(Shirt)), EntryDigest.Of(kind, store, 1, Data(json)));
    }

    [Fact]
    public void StoreAndDataCannotTradeCharacters()
    {
        Assert.NotEqual(EntryDigest.Of(IngestKind.Products, "1", 1, Data("\"2\"")), EntryDigest.Of(IngestKind.Products, "12", 1, Data("\"\"")));
    }
}
