using System.Collections.Concurrent;

namespace CatalogHub.Grains.Outbox.Shopify;

/// <summary>
/// Paces requests to each shop by Shopify's cost-based limit: a leaky bucket of points that refills at a restore rate.
/// Every answer reports the bucket (<c>extensions.cost.throttleStatus</c>); between answers the bucket is estimated and
/// each request reserves its expected cost, so concurrent deliveries to one shop queue up behind each other instead of
/// being throttled. A shop not heard from yet is not held back.
/// </summary>
public sealed class ShopifyThrottle(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ShopBucket> _shops = new(StringComparer.OrdinalIgnoreCase);

    public ShopBucket For(string shop) => _shops.GetOrAdd(shop, _ => new ShopBucket(time));
}

/// <summary>One shop's bucket as last reported, refilled by the time since.</summary>
public sealed class ShopBucket(TimeProvider time)
{
    private readonly Lock _gate = new();
    private double _maximum;
    private double _available;
    private double _restoreRate;
    private long _stamp;

    /// <summary>
    /// Reserves <paramref name="cost"/> points; how long to wait before sending. When the bucket does not hold them
    /// the reservation runs into debt, so the next caller waits behind this one.
    /// </summary>
    public TimeSpan Reserve(double cost)
    {
        lock (_gate)
        {
            if (_restoreRate <= 0)
            {
                return TimeSpan.Zero;
            }

            Refill();
            _available -= cost;
            return _available >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_available / _restoreRate);
        }
    }

    /// <summary>Takes the bucket as an answer reported it.</summary>
    public void Observe(double maximum, double available, double restoreRate)
    {
        lock (_gate)
        {
            _maximum = maximum;
            _available = available;
            _restoreRate = restoreRate;
            _stamp = time.GetTimestamp();
        }
    }

    /// <summary>How long until <paramref name="cost"/> points are back, by the last report (a throttled request waits this long).</summary>
    public TimeSpan UntilAvailable(double cost)
    {
        lock (_gate)
        {
            if (_restoreRate <= 0)
            {
                return TimeSpan.FromSeconds(1);
            }

            Refill();
            return _available >= cost ? TimeSpan.Zero : TimeSpan.FromSeconds((cost - _available) / _restoreRate);
        }
    }

    private void Refill()
    {
        var now = time.GetTimestamp();
        _available = Math.Min(_maximum, _available + (time.GetElapsedTime(_stamp, now).TotalSeconds * _restoreRate));
        _stamp = now;
    }
}
