using CatalogHub.Grains.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Hosting;

namespace CatalogHub.Grains.Outbox;

/// <summary>
/// Delivers one target's outbox events: claims due events in rounds (commit order, a product's pending events
/// coalesced into one delivery of its current state), delivers up to <see cref="OutboxOptions.Concurrency"/> at once
/// through the target's channel, and records each outcome — processed only after the delivery succeeded; a failed
/// attempt backs off exponentially with jitter until <c>max_attempts</c>, then the event is failed. A timer wakes it
/// when the earliest back-off ends; a reminder while it has open events brings it back on another silo after a crash,
/// where leased events of the dead activation are claimed again once their lease ends (at least once, same event id).
/// It is placed on the silo that first wakes it (the one that configured the target or committed its first events).
/// </summary>
[Orleans.Placement.PreferLocalPlacement]
public sealed partial class OutboxDispatcherGrain(
    OutboxStore store,
    DeliveryTargetStore targets,
    DeliveryProductReader products,
    IEnumerable<IDeliveryChannel> channels,
    IOptions<OutboxOptions> options,
    IOptions<ReminderOptions> reminders,
    ILogger<OutboxDispatcherGrain> logger) : Grain, IOutboxDispatcherGrain, IRemindable, IDisposable
{
    private const string KeepAliveReminder = "outbox";
    private static readonly TimeSpan ErrorPause = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stopping = new();
    private Task? _pump;
    private bool _again;
    private bool _reminderRegistered;
    private IGrainTimer? _timer;
    private int _outages;
    private DateTime _pausedUntil;

    private string Target => this.GetPrimaryKeyString();

    private OutboxOptions Options => options.Value;

    public Task WakeAsync()
    {
        _again = true;
        if (_pump is null || _pump.IsCompleted)
        {
            _pump = PumpAsync();
        }

        return Task.CompletedTask;
    }

    public void Dispose() => _stopping.Dispose();

    public Task<DispatcherStatus> GetStatusAsync() => Task.FromResult(new DispatcherStatus(
        RuntimeIdentity, _pump is { IsCompleted: false }, _outages, _pausedUntil > DateTime.UtcNow ? new DateTimeOffset(_pausedUntil, TimeSpan.Zero) : null));

    public Task ReceiveReminder(string reminderName, TickStatus status) => WakeAsync();

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_pump is { } pump)
        {
            await JobKeepAlive.WaitStoppedAsync(pump, cancellationToken);
        }

        try
        {
            if (_reminderRegistered && await store.NextDueAsync(Target, cancellationToken) is null)
            {
                await JobKeepAlive.DropAsync(this, KeepAliveReminder);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The reminder stays; its next tick finds nothing to do and this runs again.
            LogKeepAliveNotDropped(logger, Target, e.Message);
        }
    }

    private async Task PumpAsync()
    {
        while (_again && !_stopping.IsCancellationRequested)
        {
            _again = false;
            try
            {
                await RunAsync(_stopping.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A database error: the events stay as they were (claimed ones until their lease ends); try again soon.
                LogRoundFailed(logger, Target, e.Message);
                WakeIn(ErrorPause);
            }
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        if (_pausedUntil > DateTime.UtcNow)
        {
            WakeIn(_pausedUntil - DateTime.UtcNow); // the target is unavailable: commits do not make this knock sooner
            return;
        }

        var target = await targets.FindAsync(Target, ct);
        if (target is null && Target.StartsWith("callback:", StringComparison.Ordinal))
        {
            // The key was revoked or its callback secret removed: nobody can sign these any more, and nothing will
            // configure them later. Fail them (visible, retryable once the key has a secret again) instead of keeping them.
            await FailOpenAsync("The API key that asked for this callback was revoked or no longer has a callback secret", ct);
            return;
        }

        var channel = target is null ? null : channels.FirstOrDefault(c => c.Kind == target.Kind);
        if (target is null || channel is null)
        {
            return; // not configured (or disabled): the events wait; configuring the target wakes this again
        }

        while (!ct.IsCancellationRequested)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var claimed = await store.ClaimAsync(Target, Options.BatchSize, Options.Lease, ct);
            if (claimed.Count == 0)
            {
                break;
            }

            var claimMs = clock.ElapsedMilliseconds;
            await KeepAliveAsync();
            var groups = DeliveryPlanner.Group(claimed);
            var current = await products.ReadAsync(groups, ct);
            var readMs = clock.ElapsedMilliseconds;
            var results = await DeliverAsync(target, channel, groups, current, ct);
            var deliverMs = clock.ElapsedMilliseconds;
            var paused = Pause(results);
            await store.CompleteAsync(Target, results, ct);
            var failures = results.Count(r => r.Outcome is DeliveryOutcome.Failed);
            LogRound(logger, Target, claimed.Count, results.Length - failures, failures, claimMs, readMs - claimMs, deliverMs - readMs, clock.ElapsedMilliseconds - deliverMs);

            if (paused is { } pause)
            {
                WakeIn(pause);
                return;
            }

            if (results.Any(r => r.Outcome is DeliveryOutcome.Failed { TargetGone: true }))
            {
                return;
            }
        }

        if (await store.NextDueAsync(Target, ct) is { } next)
        {
            // Back-offs (or another activation's leases) end later: come back then. At least a moment, so events
            // that are due but locked by someone else do not make this spin.
            WakeIn(next < TimeSpan.FromMilliseconds(200) ? TimeSpan.FromMilliseconds(200) : next);
        }
    }

    private async Task FailOpenAsync(string message, CancellationToken ct)
    {
        IReadOnlyList<ClaimedEvent> claimed;
        while (!ct.IsCancellationRequested && (claimed = await store.ClaimAsync(Target, Options.BatchSize, Options.Lease, ct)).Count > 0)
        {
            var results = DeliveryPlanner.Group(claimed).Select(g => new GroupResult(g, new DeliveryOutcome.Failed(message, Permanent: true), TimeSpan.Zero)).ToList();
            await store.CompleteAsync(Target, results, ct);
            LogRound(logger, Target, claimed.Count, 0, results.Count, 0, 0, 0, 0);
        }
    }

    private async Task<GroupResult[]> DeliverAsync(
        DeliveryTarget target, IDeliveryChannel channel, IReadOnlyList<DeliveryGroup> groups,
        IReadOnlyDictionary<Guid, DeliveredProduct> current, CancellationToken ct)
    {
        var results = new GroupResult[groups.Count];
        var retry = Options;
        var webhook = channels.FirstOrDefault(c => c.Kind == TargetKinds.Webhook);
        await Parallel.ForEachAsync(Enumerable.Range(0, groups.Count), new ParallelOptions { MaxDegreeOfParallelism = retry.Concurrency, CancellationToken = ct }, async (i, token) =>
        {
            var group = groups[i];
            var latest = group.Latest;
            var delay = Backoff.Delay(latest.Attempts + 1, retry.RetryBase, retry.RetryCap, Random.Shared.NextDouble());
            DeliveredProduct? product = null;
            if (!latest.IsCallback && !current.TryGetValue(latest.AggregateId, out product))
            {
                results[i] = new GroupResult(group, new DeliveryOutcome.Failed($"The product {latest.AggregateId} no longer exists", Permanent: true), delay);
                return;
            }

            var item = new DeliveryItem(latest.Id, latest.EventType, latest.CreatedAt, group.Changes, product, latest.CallbackUrl, latest.IsCallback ? latest.Payload : null);
            var via = latest.IsCallback ? webhook ?? channel : channel;
            DeliveryOutcome outcome;
            try
            {
                outcome = await via.DeliverAsync(target, item, token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                outcome = new DeliveryOutcome.Failed($"Delivery failed: {e.GetType().Name}: {e.Message}");
            }

            results[i] = new GroupResult(group, outcome, delay, product?.Version);
        });
        return results;
    }

    /// <summary>
    /// When the target was unavailable for any delivery of the round: pauses the whole target (exponential back-off
    /// over consecutive outages, with jitter), and its unavailable events wait exactly that long, uncharged. Any
    /// delivery that went through ends the outage.
    /// </summary>
    private TimeSpan? Pause(GroupResult[] results)
    {
        if (results.Any(r => r.Outcome is DeliveryOutcome.Delivered))
        {
            _outages = 0;
        }

        if (!results.Any(r => r.Outcome is DeliveryOutcome.Failed { Unavailable: true }))
        {
            return null;
        }

        var pause = Backoff.Delay(++_outages, Options.RetryBase, Options.RetryCap, Random.Shared.NextDouble());
        _pausedUntil = DateTime.UtcNow + pause;
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Outcome is DeliveryOutcome.Failed { Unavailable: true })
            {
                results[i] = results[i] with { RetryDelay = pause };
            }
        }

        LogPaused(logger, Target, pause.TotalSeconds, _outages);
        return pause;
    }

    private async Task KeepAliveAsync()
    {
        DelayDeactivation(Options.Lease * 2);
        if (!_reminderRegistered)
        {
            var period = JobKeepAlive.Period(TimeSpan.FromMinutes(1), reminders.Value);
            await this.RegisterOrUpdateReminder(KeepAliveReminder, period, period);
            _reminderRegistered = true;
        }
    }

    private void WakeIn(TimeSpan due)
    {
        _timer?.Dispose();
        _timer = this.RegisterGrainTimer(_ => WakeAsync(), new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { Interleave = true });
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox {Target}: {Claimed} events claimed, {Delivered} deliveries made, {Failed} failed; ms claiming {ClaimMs}, reading {ReadMs}, delivering {DeliverMs}, recording {RecordMs}")]
    private static partial void LogRound(ILogger logger, string target, int claimed, int delivered, int failed, long claimMs, long readMs, long deliverMs, long recordMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {Target}: the target is unavailable; deliveries pause for {Seconds:0.#} s (outage round {Rounds})")]
    private static partial void LogPaused(ILogger logger, string target, double seconds, int rounds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {Target}: a delivery round failed and is tried again shortly: {Error}")]
    private static partial void LogRoundFailed(ILogger logger, string target, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {Target}: the keep-alive reminder was not dropped: {Error}")]
    private static partial void LogKeepAliveNotDropped(ILogger logger, string target, string error);
}
