namespace CatalogHub.Grains.Outbox;

/// <summary>When a failed delivery is tried again: exponential back-off with jitter.</summary>
public static class Backoff
{
    /// <summary>
    /// The delay after the <paramref name="attempts"/>-th failed attempt (1-based): <paramref name="baseDelay"/> × 2^(attempts-1),
    /// capped at <paramref name="cap"/>, then scaled by a random factor in [0.5, 1.0) (<paramref name="unit"/>, a sample of
    /// [0, 1)) so targets that fail together do not retry together.
    /// </summary>
    public static TimeSpan Delay(int attempts, TimeSpan baseDelay, TimeSpan cap, double unit)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var raw = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, exponent), cap.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(raw * (0.5 + (Math.Clamp(unit, 0, 1) / 2)));
    }
}
