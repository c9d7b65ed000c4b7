namespace CatalogHub.Grains.Limits;

/// <summary>
/// One API key's two sliding windows (requests and entries per minute) and the decision over both: an
/// acquisition is counted whole or not at all, and a refusal names the limit that keeps it waiting longest
/// (waiting only for the other would be refused again). Refused acquisitions count nothing, so a client that
/// keeps retrying does not push its own wait further out. Plain and clock-free, for unit tests.
/// </summary>
public sealed class KeyBudget
{
    private readonly SlidingWindow _requests = new();
    private readonly SlidingWindow _entries = new();

    /// <summary>Counts the acquisition if it fits at <paramref name="now"/>; otherwise refuses with the wait.</summary>
    public RateDecision Acquire(int requests, int entries, KeyLimits limits, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requests);
        ArgumentOutOfRangeException.ThrowIfNegative(entries);
        ArgumentNullException.ThrowIfNull(limits);
        var requestWait = _requests.WaitFor(requests, limits.RequestsPerMinute, now);
        var entryWait = _entries.WaitFor(entries, limits.EntriesPerMinute, now);
        if (requestWait is null && entryWait is null)
        {
            _requests.Add(requests, now);
            _entries.Add(entries, now);
            return RateDecision.Allow;
        }

        return (entryWait ?? TimeSpan.Zero) > (requestWait ?? TimeSpan.Zero)
            ? RateDecision.Refuse(Seconds(entryWait!.Value), $"Rate limit exceeded: {limits.EntriesPerMinute} entries per minute")
            : RateDecision.Refuse(Seconds(requestWait!.Value), $"Rate limit exceeded: {limits.RequestsPerMinute} requests per minute");
    }

    /// <summary>Whole seconds, rounded up, at least 1: retrying after them is never early.</summary>
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
}
