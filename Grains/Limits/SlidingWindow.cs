namespace CatalogHub.Grains.Limits;

/// <summary>
/// How much was taken in the last minute, counted in 100 ms slots: a sliding window, so no 60-second span ever
/// holds more than the limit (a token bucket would let a client that emptied it take more every second, up to
/// twice the limit within some minute). What was taken in a slot leaves the window 60 s after the slot ends, so
/// the window errs on the strict side by at most one slot, and the wait it answers is never early and at most
/// 100 ms late. Memory is fixed (601 counters) whatever the limit.
/// Not thread-safe: its owner (a grain) calls it one turn at a time. Time comes in as an argument, so tests
/// drive it without a clock.
/// </summary>
public sealed class SlidingWindow
{
    /// <summary>The window's length.</summary>
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(1);

    /// <summary>The resolution of the window.</summary>
    public static readonly TimeSpan SlotLength = TimeSpan.FromMilliseconds(100);

    private static readonly long SlotTicks = SlotLength.Ticks;
    private static readonly int SlotsPerWindow = (int)(Length.Ticks / SlotLength.Ticks);

    // One more than a window's worth: the current slot is still filling while the 600 before it are whole.
    private readonly long[] _counts = new long[SlotsPerWindow + 1];
    private long _newest = -1;
    private long _total;

    /// <summary>What the window holds at <paramref name="now"/>.</summary>
    public long Count(DateTimeOffset now)
    {
        Advance(now);
        return _total;
    }

    /// <summary>
    /// Null when <paramref name="cost"/> fits under <paramref name="limit"/> at <paramref name="now"/>, else how long
    /// until it does. A cost above the whole limit fits only into an empty window (and then fills it), so a single
    /// oversized request is not refused forever.
    /// </summary>
    public TimeSpan? WaitFor(long cost, long limit, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cost);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var current = Advance(now);
        var excess = _total + Math.Min(cost, limit) - limit;
        if (cost == 0 || excess <= 0)
        {
            return null;
        }

        long freed = 0;
        for (var slot = current - SlotsPerWindow; slot <= current; slot++)
        {
            freed += _counts[Index(slot)];
            if (freed >= excess)
            {
                return TimeSpan.FromTicks(Math.Max(LeavesAt(slot) - now.UtcTicks, 0));
            }
        }

        return Length + SlotLength;
    }

    /// <summary>Counts <paramref name="cost"/> at <paramref name="now"/> (the caller checked <see cref="WaitFor"/>).</summary>
    public void Add(long cost, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cost);
        var current = Advance(now);
        _counts[Index(current)] += cost;
        _total += cost;
    }

    /// <summary>When what was taken in <paramref name="slot"/> leaves the window (UTC ticks): a window after the slot ends.</summary>
    private static long LeavesAt(long slot) => (slot + 1 + SlotsPerWindow) * SlotTicks;

    /// <summary>Moves the window to <paramref name="now"/>, emptying the slots that left it; a clock that steps back keeps the newest slot.</summary>
    private long Advance(DateTimeOffset now)
    {
        var slot = now.UtcTicks / SlotTicks;
        if (_newest < 0)
        {
            _newest = slot;
            return slot;
        }

        if (slot <= _newest)
        {
            return _newest;
        }

        var expired = Math.Min(slot - _newest, _counts.Length);
        for (long i = 1; i <= expired; i++)
        {
            var index = Index(_newest + i);
            _total -= _counts[index];
            _counts[index] = 0;
        }

        _newest = slot;
        return slot;
    }

    private int Index(long slot) => (int)(slot % _counts.Length);
}
