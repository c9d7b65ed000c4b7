using System.Threading.RateLimiting;

namespace CatalogHub.Grains.SyncJobs;

/// <summary>
/// Keeps a job's requests to one supplier within its <c>max_requests_per_second</c>: a
/// <see cref="ConcurrencyLimiter"/> of ⌊rate⌋ permits (at least 1) where each request's permit is returned one
/// window (1 s; 1/rate below one request per second) after the request started. Every request started in any
/// one-second window then still holds its permit at the last of them, so no window holds more than the rate.
/// (A token bucket allows its burst on top of its rate in the same window, i.e. one more than the rate.)
/// Fractions above 1 round down: 2.5 per second runs at 2.
/// </summary>
public sealed class SupplierRateLimit : IDisposable
{
    private readonly ConcurrencyLimiter _permits;
    private readonly TimeSpan _hold;
    private readonly TimeProvider _time;

    private SupplierRateLimit(decimal perSecond, TimeProvider time)
    {
        var permits = Math.Max(1, (int)Math.Floor(perSecond));
        _hold = TimeSpan.FromSeconds(Math.Max(1.0, (double)(permits / perSecond)));
        _time = time;
        _permits = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = permits,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>The limit for <paramref name="perSecond"/>; null (unlimited) for null.</summary>
    public static SupplierRateLimit? Create(decimal? perSecond, TimeProvider? time = null) =>
        perSecond is { } rate && rate > 0 ? new SupplierRateLimit(rate, time ?? TimeProvider.System) : null;

    /// <summary>Waits for a permit; it is returned one window later, whatever the request does.</summary>
    public async ValueTask AcquireAsync(CancellationToken ct)
    {
        var lease = await _permits.AcquireAsync(1, ct);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new InvalidOperationException("The supplier's rate limiter refused a permit.");
        }

        _ = ReturnLaterAsync(lease);
    }

    /// <summary>Takes a permit if one is free now (for tests).</summary>
    public bool TryAcquire()
    {
        var lease = _permits.AttemptAcquire(1);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            return false;
        }

        _ = ReturnLaterAsync(lease);
        return true;
    }

    public void Dispose() => _permits.Dispose();

    private async Task ReturnLaterAsync(RateLimitLease lease)
    {
        try
        {
            await Task.Delay(_hold, _time);
        }
        finally
        {
            lease.Dispose();
        }
    }
}
