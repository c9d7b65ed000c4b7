namespace CatalogHub.Grains.Limits;

/// <summary>
/// The per-minute budget of one API key (key: the key's id), on the whole cluster: every silo's requests for the
/// key go through this one activation, so two silos share one budget by construction. The counters live in
/// memory only: a silo crash or a restart forgets at most the last minute.
/// </summary>
[Alias("CatalogHub.Grains.Limits.IRateLimitGrain")]
public interface IRateLimitGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Counts <paramref name="requests"/> requests and <paramref name="entries"/> entries if both fit under
    /// <paramref name="limits"/> in the sliding minute, else counts nothing and says how long to wait.
    /// </summary>
    [Alias("Acquire")]
    Task<RateDecision> AcquireAsync(int requests, int entries, KeyLimits limits);
}
