using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CatalogHub.Api.Auth;

/// <summary><c>Hub:Auth</c>: how many failed key attempts a client may make per minute.</summary>
public sealed class FailedAuthOptions
{
    public const string Section = "Hub:Auth";

    /// <summary>Failed attempts (unknown or revoked keys) one client may make in a minute before it is refused.</summary>
    public int FailuresPerMinute { get; set; } = 20;
}

/// <summary>
/// Stops key guessing: a client (by remote address) that sends <see cref="FailedAuthOptions.FailuresPerMinute"/> unknown
/// or revoked keys within a minute is refused every key — valid ones too, so a lucky guess tells it nothing — until that
/// minute (counted from its first failure) is over. Per silo and in memory: a guesser spread over N silos gets N times
/// the allowance, still far too little to guess a 256-bit key. A plain class, unit-tested with a fake clock.
/// </summary>
public sealed class FailedAuthLimiter(TimeProvider time, IOptions<FailedAuthOptions> options)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Past this many clients, finished windows are dropped when a failure is recorded, so memory stays bounded.</summary>
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Failures> _clients = new(StringComparer.Ordinal);

    /// <summary>How long <paramref name="client"/> must wait before trying a key again, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(string client)
    {
        if (!_clients.TryGetValue(client, out var failures))
        {
            return null;
        }

        lock (failures)
        {
            var left = failures.WindowStart + Window - time.GetUtcNow();
            return left > TimeSpan.Zero && failures.Count >= options.Value.FailuresPerMinute ? left : null;
        }
    }

    /// <summary>Counts a failed attempt of <paramref name="client"/>.</summary>
    public void RecordFailure(string client)
    {
        var now = time.GetUtcNow();
        if (_clients.Count > PruneAbove)
        {
            foreach (var (key, old) in _clients)
            {
                if (old.WindowStart + Window <= now)
                {
                    _clients.TryRemove(key, out _);
                }
            }
        }

        var failures = _clients.GetOrAdd(client, _ => new Failures { WindowStart = now });
        lock (failures)
        {
            if (failures.WindowStart + Window <= now)
            {
                failures.WindowStart = now;
                failures.Count = 0;
            }

            failures.Count++;
        }
    }

    private sealed class Failures
    {
        public DateTimeOffset WindowStart;
        public int Count;
    }
}
