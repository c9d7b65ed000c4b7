using CatalogHub.Grains.Limits;

namespace CatalogHub.UnitTests.Limits;

public class KeyBudgetTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 6, 12, 0, 0, TimeSpan.Zero);

    private static readonly KeyLimits ThreeAndHundred = KeyLimits.Defaults with { RequestsPerMinute = 3, EntriesPerMinute = 100 };

    [Fact]
    public void TheFourthRequestOfThreePerMinuteIsRefusedWithTheWaitAndTheLimit()
    {
        var budget = new KeyBudget();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(RateDecision.Allow, budget.Acquire(1, 0, ThreeAndHundred, T0.AddSeconds(i)));
        }

        var refused = budget.Acquire(1, 0, ThreeAndHundred, T0.AddSeconds(14));

        // The first request (slot [0, 0.1)) leaves at 60.1: 46.1 s, rounded up.
        Assert.False(refused.Allowed);
        Assert.Equal("Rate limit exceeded: 3 requests per minute", refused.Message);
        Assert.Equal(47, refused.RetryAfterSeconds);
        Assert.False(budget.Acquire(1, 0, ThreeAndHundred, T0.AddSeconds(60)).Allowed);
        Assert.True(budget.Acquire(1, 0, ThreeAndHundred, T0.AddMilliseconds(60_100)).Allowed);
    }

    [Fact]
    public void EntriesOverTheMinuteAreRefusedNamingTheEntriesLimit()
    {
        var budget = new KeyBudget();
        Assert.True(budget.Acquire(0, 60, ThreeAndHundred, T0).Allowed);

        var refused = budget.Acquire(0, 41, ThreeAndHundred, T0.AddSeconds(1));

        Assert.Equal(new RateDecision(false, 60, "Rate limit exceeded: 100 entries per minute"), refused);
        Assert.True(budget.Acquire(0, 40, ThreeAndHundred, T0.AddSeconds(1)).Allowed);
    }

    [Fact]
    public void ARefusedAcquisitionCountsNothing()
    {
        var budget = new KeyBudget();
        Assert.True(budget.Acquire(2, 90, ThreeAndHundred, T0).Allowed);

        Assert.False(budget.Acquire(1, 20, ThreeAndHundred, T0).Allowed);

        // The refused request was not counted: one request is still free.
        Assert.True(budget.Acquire(1, 10, ThreeAndHundred, T0).Allowed);
        Assert.False(budget.Acquire(1, 0, ThreeAndHundred, T0).Allowed);
    }

    [Fact]
    public void WhenBothLimitsAreHitTheLongerWaitIsNamed()
    {
        var budget = new KeyBudget();
        budget.Acquire(1, 100, ThreeAndHundred, T0);
        budget.Acquire(2, 0, ThreeAndHundred, T0.AddSeconds(30));

        // Requests and entries both free up at 60.1 s (what was taken at 0); asked at 31 s, both wait 29.1 s.
        var both = budget.Acquire(1, 1, ThreeAndHundred, T0.AddSeconds(31));
        Assert.Equal(30, both.RetryAfterSeconds);

        // Entries free up at 60.1 s, requests only at 90.1 s: the requests limit is the one to name.
        var budget2 = new KeyBudget();
        budget2.Acquire(0, 100, ThreeAndHundred, T0);
        budget2.Acquire(3, 0, ThreeAndHundred, T0.AddSeconds(30));
        var requestsLonger = budget2.Acquire(1, 1, ThreeAndHundred, T0.AddSeconds(31));
        Assert.Equal("Rate limit exceeded: 3 requests per minute", requestsLonger.Message);
        Assert.Equal(60, requestsLonger.RetryAfterSeconds);

        var budget3 = new KeyBudget();
        budget3.Acquire(3, 0, ThreeAndHundred, T0);
        budget3.Acquire(0, 100, ThreeAndHundred, T0.AddSeconds(30));
        var entriesLonger = budget3.Acquire(1, 1, ThreeAndHundred, T0.AddSeconds(31));
        Assert.Equal(new RateDecision(false, 60, "Rate limit exceeded: 100 entries per minute"), entriesLonger);
    }

    [Fact]
    public void ChangedLimitsApplyToTheNextAcquisition()
    {
        var budget = new KeyBudget();
        for (var i = 0; i < 3; i++)
        {
            budget.Acquire(1, 0, ThreeAndHundred, T0);
        }

        Assert.False(budget.Acquire(1, 0, ThreeAndHundred, T0).Allowed);
        Assert.True(budget.Acquire(1, 0, ThreeAndHundred with { RequestsPerMinute = 10 }, T0).Allowed);
    }

    [Theory]
    [InlineData(0.001, 1)]
    [InlineData(1, 1)]
    [InlineData(1.2, 2)]
    [InlineData(59.9, 60)]
    public void RetryAfterIsWholeSecondsRoundedUpAndAtLeastOne(double seconds, int expected) =>
        Assert.Equal(expected, KeyBudget.Seconds(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void SeedDefaultsAreSixtyRequestsTenThousandEntriesTenMegabytes()
    {
        Assert.Equal(new KeyLimits(60, 10_000, 10_485_760, 10_000), KeyLimits.Defaults);
        var options = new CatalogHub.Api.Limits.IngestLimitsOptions();
        Assert.Equal(KeyLimits.Defaults, new KeyLimits(options.RequestsPerMinute, options.EntriesPerMinute, options.MaxPayloadBytes, options.MaxEntriesPerRequest));
        Assert.True(options.IsValid);
        Assert.False(new CatalogHub.Api.Limits.IngestLimitsOptions { EntriesPerMinute = 0 }.IsValid);
    }
}
