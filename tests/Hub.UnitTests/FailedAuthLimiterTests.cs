using CatalogHub.Api.Auth;
using Microsoft.Extensions.Options;

namespace CatalogHub.UnitTests;

public class FailedAuthLimiterTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static (FailedAuthLimiter, Clock) Limiter(int perMinute = 20)
    {
        var clock = new Clock();
        return (new FailedAuthLimiter(clock, Options.Create(new FailedAuthOptions { FailuresPerMinute = perMinute })), clock);
    }

    [Fact]
    public void AClientMayFailUpToTheLimitThenWaitsForTheRestOfItsMinute()
    {
        var (limiter, clock) = Limiter();
        for (var i = 0; i < 20; i++)
        {
            Assert.Null(limiter.RetryAfter("10.0.0.1"));
            limiter.RecordFailure("10.0.0.1");
            clock.Now += TimeSpan.FromSeconds(1);
        }

        // 20 failures from 0 s to 19 s: refused until the minute that began at 0 s ends.
        Assert.Equal(TimeSpan.FromSeconds(40), limiter.RetryAfter("10.0.0.1"));
        clock.Now += TimeSpan.FromSeconds(39);
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.RetryAfter("10.0.0.1"));
        clock.Now += TimeSpan.FromSeconds(1);
        Assert.Null(limiter.RetryAfter("10.0.0.1"));
    }

    [Fact]
    public void ANewMinuteStartsFromZero()
    {
        var (limiter, clock) = Limiter(perMinute: 3);
        limiter.RecordFailure("a");
        limiter.RecordFailure("a");
        clock.Now += FailedAuthLimiter.Window;
        limiter.RecordFailure("a");
        limiter.RecordFailure("a");
        Assert.Null(limiter.RetryAfter("a"));
        limiter.RecordFailure("a");
        Assert.NotNull(limiter.RetryAfter("a"));
    }

    [Fact]
    public void ClientsAreCountedApart()
    {
        var (limiter, _) = Limiter(perMinute: 2);
        limiter.RecordFailure("a");
        limiter.RecordFailure("a");
        Assert.NotNull(limiter.RetryAfter("a"));
        Assert.Null(limiter.RetryAfter("b"));
    }

    [Fact]
    public void ConcurrentFailuresAreAllCounted()
    {
        var (limiter, _) = Limiter(perMinute: 1000);
        Parallel.For(0, 999, _ => limiter.RecordFailure("a"));
        Assert.Null(limiter.RetryAfter("a"));
        limiter.RecordFailure("a");
        Assert.NotNull(limiter.RetryAfter("a"));
    }
}
