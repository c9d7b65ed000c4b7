using CatalogHub.Grains.Ingest.Entries;

namespace CatalogHub.UnitTests.Ingest;

public class SkuAndHandleFormatTests
{
    [Theory]
    [InlineData("18886985", "018886985")]
    [InlineData("4", "000000004")]
    [InlineData("000000004", "000000004")]
    [InlineData("1234567890", "1234567890")]
    [InlineData(" 42 ", "000000042")]
    [InlineData("CBS-S-BLU", "CBS-S-BLU")]
    [InlineData("12A", "12A")]
    public void NumericSkuIsPaddedToNineDigits(string sku, string expected) =>
        Assert.Equal(expected, SkuFormat.Normalize(sku));

    [Theory]
    [InlineData("Classic Blue Shirt", "classic-blue-shirt")]
    [InlineData("University of New Mexico 1/4 Zip Powerblend Jacket", "university-of-new-mexico-1-4-zip-powerblend-jacket")]
    [InlineData("  --Hello,   World!!--  ", "hello-world")]
    [InlineData("Café Latte", "caf-latte")]
    [InlineData("12x40 Cooling Towel", "12x40-cooling-towel")]
    [InlineData("!!!", "")]
    public void GeneratedHandleIsLowercaseAlphanumericsJoinedBySingleHyphens(string title, string expected) =>
        Assert.Equal(expected, HandleFormat.Generate(title));

    [Theory]
    [InlineData("classic-blue-shirt", true)]
    [InlineData("1-4z-pwrbl-sm-e-wd-scarl-xs---925658-1", true)]
    [InlineData("12x40-cooling-towe-team1-------432088-1", true)]
    [InlineData("a", true)]
    [InlineData("Classic-Blue", false)]
    [InlineData("-leading", false)]
    [InlineData("trailing-", false)]
    [InlineData("has space", false)]
    [InlineData("under_score", false)]
    [InlineData("", false)]
    public void GivenHandleIsLowercaseAlphanumericsAndHyphensNotAtEitherEnd(string handle, bool valid) =>
        Assert.Equal(valid, HandleFormat.IsValid(handle));

    [Fact]
    public void GivenHandleIsAtMost255Characters()
    {
        Assert.True(HandleFormat.IsValid(new string('a', 255)));
        Assert.False(HandleFormat.IsValid(new string('a', 256)));
    }
}
