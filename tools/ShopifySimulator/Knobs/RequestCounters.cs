using System.Collections.Concurrent;

namespace CatalogHub.ShopifySimulator.Knobs;

/// <summary>What the GraphQL endpoint answered so far: a test's view of the traffic.</summary>
public sealed class RequestCounters
{
    private readonly ConcurrentDictionary<string, int> _mutations = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _total;
    private int _throttled;
    private int _unauthorized;
    private int _unavailable;
    private double _minimumAvailable = double.PositiveInfinity;

    /// <summary>Every request to the GraphQL endpoint, whatever it was answered.</summary>
    public int Total => Volatile.Read(ref _total);

    /// <summary>Requests answered <c>THROTTLED</c> (nothing applied).</summary>
    public int Throttled => Volatile.Read(ref _throttled);

    /// <summary>Requests answered 401 (missing or wrong access token).</summary>
    public int Unauthorized => Volatile.Read(ref _unauthorized);

    /// <summary>Requests answered 503 by the <see cref="ShopifyKnobs.Unavailable"/> knob.</summary>
    public int Unavailable => Volatile.Read(ref _unavailable);

    /// <summary>
    /// The lowest <c>currentlyAvailable</c> the bucket reported after charging a request (positive infinity
    /// before the first): below zero would mean it was overdrawn.
    /// </summary>
    public double MinimumAvailable
    {
        get
        {
            lock (_gate)
            {
                return _minimumAvailable;
            }
        }
    }

    /// <summary>Requests of <paramref name="mutation"/> (e.g. <c>productSet</c>) that were executed (not throttled), userErrors included.</summary>
    public int Executed(string mutation) => _mutations.GetValueOrDefault(mutation);

    /// <summary>Executed requests per mutation name.</summary>
    public IReadOnlyDictionary<string, int> ExecutedByMutation() => new Dictionary<string, int>(_mutations);

    internal void Request() => Interlocked.Increment(ref _total);

    internal void Throttle() => Interlocked.Increment(ref _throttled);

    internal void Unauthorize() => Interlocked.Increment(ref _unauthorized);

    internal void Unavail() => Interlocked.Increment(ref _unavailable);

    internal void Execute(string mutation) => _mutations.AddOrUpdate(mutation, 1, (_, n) => n + 1);

    internal void Charged(double currentlyAvailable)
    {
        lock (_gate)
        {
            _minimumAvailable = Math.Min(_minimumAvailable, currentlyAvailable);
        }
    }
}
