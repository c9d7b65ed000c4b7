using CatalogHub.Api.Products;

namespace CatalogHub.UnitTests;

public class ProductReadShapeTests
{
    private static ImageRead Image(string? color, string url = "u") => new(Guid.NewGuid(), url, null, null, color, 0, null);

    [Theory]
    [InlineData("Natural", "natural")]
    [InlineData("Heather Grey", "heather_grey")]
    [InlineData("Dark  Heather Navy", "dark__heather_navy")]
    [InlineData("ROYAL", "royal")]
    [InlineData("Café Noir", "café_noir")]
    public void AColorKeyIsLowercasedWithSpacesAsUnderscores(string color, string key) =>
        Assert.Equal(key, ImagesByColor.Key(color));

    [Fact]
    public void ImagesAreGroupedByKeyInOrderAndColorlessImagesBelongToNoGroup()
    {
        var groups = ImagesByColor.Group([Image("Heather Grey", "a"), Image(null, "b"), Image("Natural", "c"), Image("heather grey", "d"), Image("", "e")]);

        Assert.Equal(["heather_grey", "natural"], groups.Keys);
        Assert.Equal(["a", "d"], groups["heather_grey"].Select(i => i.Url));
        Assert.Equal(["c"], groups["natural"].Select(i => i.Url));
    }

    [Theory]
    [InlineData("4.5800", "4.58")]
    [InlineData("5", "5.00")]
    [InlineData("4.5", "4.50")]
    [InlineData("0.0525", "0.0525")]
    [InlineData("1200.0000", "1200.00")]
    public void TierPricesAreStringsWithAtLeastTwoPlaces(string value, string text) =>
        Assert.Equal(text, MoneyText.TierPrice(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void MoneyNumbersLoseTheDatabasesTrailingZeros()
    {
        Assert.Equal("4.58", MoneyText.Normalize(4.5800m).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("10", MoneyText.Normalize(10.0000m).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(MoneyText.Normalize((decimal?)null));
    }

    [Fact]
    public void DetailsPickTheTypeDetailsOfTheProductTypeAndIdsAreStable()
    {
        var id = Guid.NewGuid();
        const string json = """
            {"images":[{"url":"x","supplier_image_url":null,"image_type":null,"color":"Navy Blue","sort_order":0,"checksum":null}],
             "options":[],"apparel_details":null,"print_details":null,"sizes":[{"width":24,"height":36,"unit":"in","label":null}]}
            """;
        var apparel = ProductDetailsView.From(id, "apparel", json);
        var print = ProductDetailsView.From(id, "print", json);

        Assert.Equal("tiered_variant", apparel.ApparelDetails!.PricingMethod);
        Assert.Null(apparel.PrintDetails);
        Assert.Empty(apparel.Sizes);
        Assert.Null(print.ApparelDetails);
        Assert.Equal("formula", print.PrintDetails!.PricingMethod);
        Assert.Single(print.Sizes);
        Assert.Equal(["navy_blue"], apparel.ImagesByColor.Keys);
        Assert.Equal(apparel.Images[0].Id, ProductDetailsView.From(id, "apparel", json).Images[0].Id);
    }
}
