using CatalogHub.Grains.Limits;

namespace CatalogHub.UnitTests.Limits;

public class SlidingWindowTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 6, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Exact to the tick (no double rounding): <paramref name="seconds"/> after T0.</summary>
    private static DateTimeOffset At(double seconds) => T0.AddTicks(Ticks(seconds));

    private static TimeSpan Seconds(double seconds) => TimeSpan.FromTicks(Ticks(seconds));

    private static long Ticks(double seconds) => (long)Math.Round(seconds * TimeSpan.TicksPerSecond);

    [Fact]
    public void TakesUpToTheLimitThenWaitsUntilAMinuteAfterTheOldestSlotEnds()
    {
        var window = new SlidingWindow();
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(window.WaitFor(1, 3, At(10.2)));
            window.Add(1, At(10.2));
        }

        // Taken in the slot [10.2, 10.3): counted until 70.3, a minute after the slot ends.
        Assert.Equal(Seconds(50.1), window.WaitFor(1, 3, At(20.2)));
        Assert.Equal(Seconds(0.05), window.WaitFor(1, 3, At(70.25)));
        Assert.Null(window.WaitFor(1, 3, At(70.3)));
        Assert.Equal(0, window.Count(At(70.3)));
    }

    [Fact]
    public void TheWaitIsUntilEnoughOfTheOldestSlotsHaveLeft()
    {
        var window = new SlidingWindow();
        window.Add(4, At(0));
        window.Add(3, At(15.5));
        window.Add(3, At(30));

        Assert.Equal(10, window.Count(At(40)));
        Assert.Equal(Seconds(20.1), window.WaitFor(4, 10, At(40)));
        // 5 must leave: the slot at 0 frees 4, the one at 15.5 three more, at 75.6.
        Assert.Equal(Seconds(35.6), window.WaitFor(5, 10, At(40)));
        Assert.Equal(6, window.Count(At(75.5)));
        Assert.Equal(3, window.Count(At(75.6)));
    }

    [Fact]
    public void NoSixtySecondSpanEverHoldsMoreThanTheLimit()
    {
        const int limit = 20;
        var random = new Random(8);
        var window = new SlidingWindow();
        var taken = new List<(DateTimeOffset At, int Cost)>();
        var now = T0;
        for (var i = 0; i < 5_000; i++)
        {
            now = now.AddTicks(random.NextInt64(0, 2 * TimeSpan.TicksPerSecond));
            var cost = random.Next(1, 6);
            if (window.WaitFor(cost, limit, now) is null)
            {
                window.Add(cost, now);
                taken.Add((now, cost));
            }
        }

        Assert.True(taken.Count > 400, $"only {taken.Count} acquisitions were taken");
        foreach (var (at, _) in taken)
        {
            var span = taken.Where(t => t.At >= at && t.At < at + SlidingWindow.Length).Sum(t => t.Cost);
            Assert.True(span <= limit, $"{span} taken in the 60 s from {at:O}");
        }
    }

    [Fact]
    public void AWaitIsNeverEarlyAndEnoughOnTime()
    {
        var random = new Random(2);
        var window = new SlidingWindow();
        var now = T0;
        var waits = 0;
        for (var i = 0; i < 2_000; i++)
        {
            now = now.AddTicks(random.NextInt64(0, 3 * TimeSpan.TicksPerSecond));
            var cost = random.Next(1, 4);
            if (window.WaitFor(cost, 10, now) is { } wait)
            {
                waits++;
                Assert.NotNull(window.WaitFor(cost, 10, now + wait - TimeSpan.FromTicks(1)));
                Assert.Null(window.WaitFor(cost, 10, now + wait));
            }
            else
            {
                window.Add(cost, now);
            }
        }

        Assert.True(waits > 100);
    }

    [Fact]
    public void ACostAboveTheWholeLimitFitsOnlyAnEmptyWindowAndFillsIt()
    {
        var window = new SlidingWindow();
        window.Add(1, At(0));
        Assert.Equal(Seconds(59.1), window.WaitFor(500, 100, At(1)));
        Assert.Null(window.WaitFor(500, 100, At(60.1)));
        window.Add(500, At(60.1));
        Assert.Equal(Seconds(60.1), window.WaitFor(1, 100, At(60.1)));
    }

    [Fact]
    public void ZeroCostAlwaysFits()
    {
        var window = new SlidingWindow();
        window.Add(5, At(0));
        Assert.Null(window.WaitFor(0, 5, At(1)));
    }

    [Fact]
    public void AnIdleHourEmptiesTheWindow()
    {
        var window = new SlidingWindow();
        window.Add(7, At(0));
        window.Add(7, At(59));
        Assert.Equal(14, window.Count(At(60)));
        Assert.Equal(7, window.Count(At(60.1)));
        Assert.Equal(0, window.Count(At(3600)));
        window.Add(2, At(3600));
        Assert.Equal(2, window.Count(At(3601)));
    }

    [Fact]
    public void AClockThatStepsBackCountsInTheNewestSlot()
    {
        var window = new SlidingWindow();
        window.Add(1, At(30));
        window.Add(1, At(5));
        Assert.Equal(2, window.Count(At(30)));
        Assert.Equal(2, window.Count(At(90)));
        Assert.Equal(0, window.Count(At(90.1)));
    }
}
