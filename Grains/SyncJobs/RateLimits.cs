using System.Threading.RateLimiting;

namespace CatalogHub.Grains.SyncJobs;

/// <summary>The limiter that keeps a job's requests to one supplier under its <c>max_requests_per_second</c>.</summary>
public static class RateLimits
{
    /// <summary>
    /// A token bucket refilled in tenths of a second (a single token per 1/rate below 10 per second), starting
    /// full: in any one-second window at most <paramref name="perSecond"/> requests start. Null: unlimited.
    /// </summary>
    public static RateLimiter? Create(decimal? perSecond)
    {
        if (perSecond is not { } rate || rate <= 0)
        {
            return null;
        }

        var tokens = Math.Max(1, (int)Math.Floor(rate / 10m));
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokens,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = TimeSpan.FromSeconds((double)(tokens / rate)),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    /// <summary>Waits for one permit (no-op without a limiter).</summary>
    public static async ValueTask AcquireAsync(this RateLimiter? limiter, CancellationToken ct)
    {
        if (limiter is null)
        {
            return;
        }

        using var lease = await limiter.AcquireAsync(1, ct);
        if (!lease.IsAcquired)
        {
            throw new InvalidOperationException("The supplier's rate limiter refused a permit.");
        }
    }
}
