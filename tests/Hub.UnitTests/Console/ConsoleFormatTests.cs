using CatalogHub.Api.Console;

namespace CatalogHub.UnitTests.Console;

public class ConsoleFormatTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, "—")]
    [InlineData(-1, "—")]
    [InlineData(0, "0 s")]
    [InlineData(45, "45 s")]
    [InlineData(60, "1 min")]
    [InlineData(200, "3 min 20 s")]
    [InlineData(3600, "1 h")]
    [InlineData(7500, "2 h 5 min")]
    public void EtaReadsAsTheLargestUnitsThatMatter(int? seconds, string expected) => Assert.Equal(expected, ConsoleFormat.Eta(seconds));

    [Theory]
    [InlineData(0, "just now")]
    [InlineData(42, "42 s ago")]
    [InlineData(300, "5 min ago")]
    [InlineData(3 * 3600 + 5, "3 h ago")]
    [InlineData(2 * 86400 + 5, "2 d ago")]
    public void AgoCountsFromNow(int secondsAgo, string expected) => Assert.Equal(expected, ConsoleFormat.Ago(Now.AddSeconds(-secondsAgo), Now));

    [Fact]
    public void AgoOfNothingIsNever() => Assert.Equal("never", ConsoleFormat.Ago(null, Now));

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(5, 0, 0)]
    [InlineData(1, 3, 33.3)]
    [InlineData(3, 3, 100)]
    [InlineData(4, 3, 100)]
    [InlineData(-1, 3, 0)]
    public void PercentIsClampedToABar(int done, int total, double expected) => Assert.Equal(expected, ConsoleFormat.Percent(done, total));

    [Theory]
    [InlineData("4.5", "4.50")]
    [InlineData("4.5825", "4.5825")]
    [InlineData("10", "10.00")]
    [InlineData("0.125", "0.125")]
    public void MoneyKeepsAtLeastTwoPlacesAndNoInventedOnes(string value, string expected) =>
        Assert.Equal(expected, ConsoleFormat.Money(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void MoneyRangeCollapsesWhenEqual()
    {
        Assert.Equal("—", ConsoleFormat.MoneyRange(null, null));
        Assert.Equal("4.50", ConsoleFormat.MoneyRange(4.5m, 4.5m));
        Assert.Equal("4.50 – 9.00", ConsoleFormat.MoneyRange(4.5m, 9m));
    }

    [Fact]
    public void CountsAndPercentsUseTheInvariantCulture()
    {
        Assert.Equal("12,345", ConsoleFormat.Count(12345));
        Assert.Equal("42.5 %", ConsoleFormat.PercentText(42.5));
        Assert.Equal("100 %", ConsoleFormat.PercentText(100));
    }
}
