using CatalogHub.Grains.Ingest;
using CatalogHub.Grains.Ingest.Entries;

namespace CatalogHub.UnitTests.Ingest;

public class MetafieldMapperTests
{
    private static (Dictionary<string, string> Metafields, EntryError? Error) Read(string metafields)
    {
        var reader = new EntryReader(EntryJson.Parse($$"""{"metafields": {{metafields}}}"""));
        var result = MetafieldMapper.Read(reader, "metafields");
        return (result, reader.Error);
    }

    [Fact]
    public void NamespaceKeyMetafieldsAreKeptAsSent()
    {
        var (metafields, error) = Read("""{"custom.fabric": "50% Cotton/50% Polyester", "merchandising.child_store": "2299"}""");
        Assert.Null(error);
        Assert.Equal("50% Cotton/50% Polyester", metafields["custom.fabric"]);
        Assert.Equal("2299", metafields["merchandising.child_store"]);
    }

    [Theory]
    [InlineData("metafield.custom.aap_flag.boolean", "custom.aap_flag")]
    [InlineData("metafield.custom.fabric.single_line_text_field", "custom.fabric")]
    [InlineData("Metafield.custom.fabric", "custom.fabric")]
    [InlineData("custom.fabric", "custom.fabric")]
    public void DescriptorKeysAreReducedToNamespaceAndKey(string key, string expected) =>
        Assert.Equal(expected, MetafieldMapper.Key(key));

    [Theory]
    [InlineData("fabric")]
    [InlineData("custom.fabric.extra")]
    [InlineData(".fabric")]
    [InlineData("custom.")]
    [InlineData("custom.my fabric")]
    [InlineData("metafield.custom.a.b.c")]
    public void KeysOfAnotherShapeAreRefused(string key) => Assert.Null(MetafieldMapper.Key(key));

    [Fact]
    public void KeyWithoutADotIsAValidationErrorNamingIt()
    {
        var (_, error) = Read("""{"fabric": "cotton"}""");
        Assert.Equal(EntryErrorType.Validation, error!.Type);
        Assert.Equal("metafields.fabric", error.Field);
    }

    [Theory]
    [InlineData("Y", "True")]
    [InlineData("y", "True")]
    [InlineData("N", "False")]
    [InlineData("n", "False")]
    [InlineData("true", "True")]
    [InlineData("TRUE", "True")]
    [InlineData("False", "False")]
    [InlineData("yes", "True")]
    [InlineData("No", "False")]
    [InlineData(" Y ", "True")]
    [InlineData("T", "T")]
    [InlineData("1", "1")]
    [InlineData("0", "0")]
    [InlineData("Nope", "Nope")]
    public void BooleanLikeValuesBecomeTrueOrFalse(string value, string expected) =>
        Assert.Equal(expected, MetafieldMapper.Value("custom.aap_flag", value));

    [Theory]
    [InlineData("taxonomy.department", "4", "004")]
    [InlineData("taxonomy.sub_department", "11", "011")]
    [InlineData("taxonomy.class", "1", "001")]
    [InlineData("taxonomy.sub_class", "998", "998")]
    [InlineData("custom.dept", "50", "050")]
    [InlineData("taxonomy.department", "1234", "1234")]
    [InlineData("taxonomy.department", "A1", "A1")]
    [InlineData("custom.vendornumber", "4", "4")]
    public void TaxonomyCodesAreZeroPaddedToThreeDigits(string key, string value, string expected) =>
        Assert.Equal(expected, MetafieldMapper.Value(key, value));

    [Fact]
    public void NumbersAndBooleansAreStoredAsText()
    {
        var (metafields, error) = Read("""{"taxonomy.class": 4, "custom.weight": 1.50, "custom.esd_flag": false, "custom.aap_flag": true}""");
        Assert.Null(error);
        Assert.Equal("004", metafields["taxonomy.class"]);
        Assert.Equal("1.50", metafields["custom.weight"]);
        Assert.Equal("False", metafields["custom.esd_flag"]);
        Assert.Equal("True", metafields["custom.aap_flag"]);
    }

    [Theory]
    [InlineData("""{"custom.x": {"a": 1}}""")]
    [InlineData("""{"custom.x": [1]}""")]
    public void ObjectOrArrayValueIsAConversionErrorNamingTheMetafield(string metafields)
    {
        var (_, error) = Read(metafields);
        Assert.Equal(EntryErrorType.Conversion, error!.Type);
        Assert.Equal("metafields.custom.x", error.Field);
    }

    [Fact]
    public void NullOrBlankValuesAreLeftOut()
    {
        var (metafields, error) = Read("""{"custom.a": null, "custom.b": "  ", "custom.c": "kept"}""");
        Assert.Null(error);
        Assert.Equal(["custom.c"], metafields.Keys);
    }

    [Fact]
    public void MetafieldsThatAreNotAnObjectAreAConversionError()
    {
        var (_, error) = Read("\"custom.a=1\"");
        Assert.Equal(EntryErrorType.Conversion, error!.Type);
        Assert.Equal("metafields", error.Field);
    }

    [Fact]
    public void LaterKeyWinsWhenTwoNameTheSameMetafield()
    {
        var (metafields, _) = Read("""{"custom.a": "first", "metafield.custom.a.single_line_text_field": "second"}""");
        Assert.Equal("second", metafields["custom.a"]);
    }
}
