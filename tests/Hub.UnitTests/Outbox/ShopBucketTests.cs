using CatalogHub.Grains.Outbox.Shopify;

namespace CatalogHub.UnitTests.Outbox;

public class ShopBucketTests
{
    /// <summary>A clock the test moves by hand.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    [Fact]
    public void AShopNotHeardFromIsNotHeldBack()
    {
        var bucket = new ShopBucket(new ManualTime());
        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(TimeSpan.Zero, bucket.Reserve(10)));
    }

    [Fact]
    public void ReservationsQueueBehindEachOtherAtTheRestoreRate()
    {
        var time = new ManualTime();
        var bucket = new ShopBucket(time);
        bucket.Observe(maximum: 100, available: 20, restoreRate: 50);
        Assert.Equal(TimeSpan.Zero, bucket.Reserve(10));
        Assert.Equal(TimeSpan.Zero, bucket.Reserve(10));
        Assert.Equal(TimeSpan.FromSeconds(0.2), bucket.Reserve(10));
        Assert.Equal(TimeSpan.FromSeconds(0.4), bucket.Reserve(10));

        time.Advance(TimeSpan.FromSeconds(1)); // 50 points back: the debt of 20 is paid, 30 left
        Assert.Equal(TimeSpan.Zero, bucket.Reserve(30));
        Assert.Equal(TimeSpan.FromSeconds(0.2), bucket.Reserve(10));
    }

    [Fact]
    public void AThrottledRequestWaitsUntilItsCostIsBackAndTheBucketNeverOverfills()
    {
        var time = new ManualTime();
        var bucket = new ShopBucket(time);
        bucket.Observe(maximum: 100, available: 4, restoreRate: 2);
        Assert.Equal(TimeSpan.FromSeconds(3), bucket.UntilAvailable(10));
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(TimeSpan.Zero, bucket.Reserve(100));
        Assert.Equal(TimeSpan.FromSeconds(5), bucket.Reserve(10));
    }
}
