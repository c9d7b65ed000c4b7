using CatalogHub.Grains.Suppliers;

namespace CatalogHub.UnitTests.Sync;

public class IsoDurationTests
{
    [Theory]
    [InlineData("PT6H", 6 * 3600)]
    [InlineData("P1D", 86400)]
    [InlineData("P1W", 7 * 86400)]
    [InlineData("P1DT12H", 36 * 3600)]
    [InlineData("PT90M", 5400)]
    [InlineData("PT1H30M15S", 5415)]
    [InlineData("PT0.5S", 0.5)]
    public void FixedLengthDurationsParse(string text, double seconds)
    {
        Assert.True(IsoDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("P1M")]
    [InlineData("P1Y")]
    [InlineData("1D")]
    [InlineData("PT-1H")]
    [InlineData("P0D")]
    [InlineData("pt1h")]
    [InlineData("PT1H ")]
    public void OtherTextIsNotADuration(string? text) => Assert.False(IsoDuration.TryParse(text, out _));
}
