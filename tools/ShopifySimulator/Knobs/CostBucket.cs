namespace CatalogHub.ShopifySimulator.Knobs;

/// <summary>
/// Shopify's calculated-query-cost limit: a leaky bucket of <see cref="ShopifyKnobs.MaximumAvailable"/> points
/// that refills at <see cref="ShopifyKnobs.RestoreRate"/> per second. A request is admitted only when the
/// bucket holds its whole cost, which is then taken out; otherwise nothing is taken and it is throttled.
/// </summary>
public sealed class CostBucket(Func<ShopifyKnobs> knobs, TimeProvider time)
{
    private readonly Lock _gate = new();
    private double _available = knobs().MaximumAvailable;
    private long _stamp = time.GetTimestamp();

    /// <summary>Charges <paramref name="cost"/> if the bucket holds it; the status is as of after the charge.</summary>
    public (bool Admitted, ThrottleStatus Status) TryCharge(int cost)
    {
        var current = knobs();
        lock (_gate)
        {
            Refill(current);
            var admitted = _available >= cost;
            if (admitted)
            {
                _available -= cost;
            }

            return (admitted, new ThrottleStatus(current.MaximumAvailable, _available, current.RestoreRate));
        }
    }

    /// <summary>The bucket as it is now.</summary>
    public ThrottleStatus Peek()
    {
        var current = knobs();
        lock (_gate)
        {
            Refill(current);
            return new ThrottleStatus(current.MaximumAvailable, _available, current.RestoreRate);
        }
    }

    /// <summary>Sets the points available now (at most the maximum), e.g. to start a test with an empty bucket.</summary>
    public void Fill(double available)
    {
        var current = knobs();
        lock (_gate)
        {
            _stamp = time.GetTimestamp();
            _available = Math.Clamp(available, 0, current.MaximumAvailable);
        }
    }

    private void Refill(ShopifyKnobs current)
    {
        var now = time.GetTimestamp();
        var seconds = (double)(now - _stamp) / time.TimestampFrequency;
        _stamp = now;
        _available = Math.Min(current.MaximumAvailable, _available + (seconds * current.RestoreRate));
    }
}

/// <summary>The bucket as <c>extensions.cost.throttleStatus</c> reports it.</summary>
public sealed record ThrottleStatus(double MaximumAvailable, double CurrentlyAvailable, double RestoreRate);
