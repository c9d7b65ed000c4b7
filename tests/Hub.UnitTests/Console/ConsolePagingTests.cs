using CatalogHub.Api.Console;

namespace CatalogHub.UnitTests.Console;

public class ConsolePagingTests
{
    [Theory]
    [InlineData(null, 1)]
    [InlineData("", 1)]
    [InlineData("abc", 1)]
    [InlineData("0", 1)]
    [InlineData("-2", 1)]
    [InlineData("+2", 1)]
    [InlineData("3", 3)]
    [InlineData("10000", 10000)]
    [InlineData("10001", 1)]
    [InlineData("99999999999", 1)]
    public void AnUnusablePageIsTheFirst(string? page, int expected) => Assert.Equal(expected, ConsolePaging.Parse(page).Page);

    [Fact]
    public void SkipAndPagesFollowThePageSize()
    {
        var third = ConsolePaging.Parse("3", size: 25);
        Assert.Equal(50, third.Skip);
        Assert.Equal(1, third.Pages(0));
        Assert.Equal(4, third.Pages(76));
        Assert.True(third.HasPrevious);
        Assert.True(third.HasNext(76));
        Assert.False(third.HasNext(75));
        Assert.False(ConsolePaging.Parse("1").HasPrevious);
    }

    [Fact]
    public void ShowingSaysWhichRowsOfHowMany()
    {
        Assert.Equal("26–50 of 1,200", ConsolePaging.Parse("2").Showing(25, 1200));
        Assert.Equal("Nothing to show", ConsolePaging.Parse("1").Showing(0, 0));
        Assert.Equal("Nothing on page 9 of 2", ConsolePaging.Parse("9").Showing(0, 30));
    }
}
