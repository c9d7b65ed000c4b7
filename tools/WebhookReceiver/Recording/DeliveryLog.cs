namespace CatalogHub.WebhookReceiver.Recording;

/// <summary>
/// Every delivery in arrival order, with a signal that fires on each new one, so tests wait for a condition
/// instead of sleeping.
/// </summary>
public sealed class DeliveryLog
{
    private readonly Lock _gate = new();
    private readonly List<ReceivedDelivery> _deliveries = [];
    private TaskCompletionSource _changed = NewSignal();
    private long _sequence;

    /// <summary>A snapshot, oldest first.</summary>
    public IReadOnlyList<ReceivedDelivery> All()
    {
        lock (_gate)
        {
            return [.. _deliveries];
        }
    }

    /// <summary>The distinct <c>X-Hub-Event-Id</c> values received so far, in first-arrival order.</summary>
    public IReadOnlyList<string> DistinctEventIds() =>
        [.. All().Select(d => d.EventId).OfType<string>().Distinct(StringComparer.Ordinal)];

    /// <summary>Forgets every delivery (the sequence keeps counting).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _deliveries.Clear();
        }
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds for the deliveries received so far (checked now and on
    /// every new one) and returns that snapshot; throws <see cref="TimeoutException"/> listing what arrived when
    /// <paramref name="timeout"/> passes first.
    /// </summary>
    public async Task<IReadOnlyList<ReceivedDelivery>> WaitForAsync(
        Func<IReadOnlyList<ReceivedDelivery>, bool> condition, TimeSpan timeout, string? description = null, CancellationToken ct = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        while (true)
        {
            IReadOnlyList<ReceivedDelivery> snapshot;
            Task changed;
            lock (_gate)
            {
                snapshot = [.. _deliveries];
                changed = _changed.Task;
            }

            if (condition(snapshot))
            {
                return snapshot;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                var got = snapshot.Count == 0 ? "nothing" : string.Join("; ", snapshot.TakeLast(20));
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0.#} s for {description ?? "the condition"}; received {snapshot.Count} deliveries: {got}");
            }
        }
    }

    internal long NextSequence() => Interlocked.Increment(ref _sequence);

    internal void Add(ReceivedDelivery delivery)
    {
        TaskCompletionSource fired;
        lock (_gate)
        {
            _deliveries.Add(delivery);
            fired = _changed;
            _changed = NewSignal();
        }

        fired.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
