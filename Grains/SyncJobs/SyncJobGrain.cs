using CatalogHub.Grains.Jobs;
using CatalogHub.Grains.Suppliers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CatalogHub.Grains.SyncJobs;

/// <inheritdoc cref="ISyncJobGrain"/>
/// <remarks>
/// The loop itself runs in <see cref="SyncJobEngine"/> on the thread pool; the grain starts it, stops it and,
/// when it finished, tells the supplier and drops its reminder. The reminder ticks every
/// <see cref="SyncJobOptions.KeepAlivePeriod"/> while the job is active: it keeps this activation from being
/// collected, and after a silo crash it activates the grain on a surviving silo, which resumes the job from
/// its checkpoint. A tick for a job that ended re-sends the "finished" notice (idempotent) and unregisters.
/// </remarks>
public sealed partial class SyncJobGrain(
    SyncJobStore store,
    SyncJobEngine engine,
    IOptions<SyncJobOptions> options,
    IOptions<Orleans.Hosting.ReminderOptions> reminders,
    ILogger<SyncJobGrain> logger) : Grain, ISyncJobGrain, IRemindable
{
    public const string KeepAliveReminder = "keep-alive";

    private Task<RunResult>? _run;
    private JobStop? _stop;

    private Guid Id => this.GetPrimaryKey();

    /// <summary>The keep-alive period, at least Orleans' minimum reminder period.</summary>
    private TimeSpan KeepAlive => JobKeepAlive.Period(options.Value.KeepAlivePeriod, reminders.Value);

    public async Task StartAsync(SyncJobSpec spec)
    {
        await store.InsertAsync(Id, spec);
        await this.RegisterOrUpdateReminder(KeepAliveReminder, KeepAlive, KeepAlive);
        if (await store.LoadAsync(Id) is { } row && SyncJobStatuses.IsActive(row.Status))
        {
            EnsureRunning(row);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != KeepAliveReminder)
        {
            return;
        }

        if (_run is { IsCompleted: false })
        {
            DelayDeactivation(KeepAlive * 3);
            return;
        }

        var row = await store.LoadAsync(Id);
        if (row is null)
        {
            await DropReminderAsync();
            return;
        }

        if (SyncJobStatuses.IsTerminal(row.Status))
        {
            await CompleteAsync(row, new RunResult(row.Status, row.StartedAt));
            return;
        }

        LogResuming(Id, row.Status, RuntimeIdentity);
        EnsureRunning(row);
    }

    public async Task<SyncJobChangeOutcome> CancelAsync(string reason)
    {
        var row = await store.LoadAsync(Id);
        if (row is null)
        {
            return SyncJobChangeOutcome.NotFound;
        }

        if (!await store.RequestCancelAsync(Id))
        {
            return SyncJobChangeOutcome.Conflict;
        }

        if (_run is not { IsCompleted: false })
        {
            // Not running here (e.g. its silo died and the reminder has not fired yet): run it now; the
            // engine sees the cancel request and ends the job at once.
            EnsureRunning(row with { CancelRequested = true });
        }

        _stop!.Cancel(reason);
        try
        {
            await _run!.WaitAsync(options.Value.CancelWait);
        }
        catch (TimeoutException)
        {
            LogSlowCancel(Id);
        }

        return SyncJobChangeOutcome.Done;
    }

    public async Task<SyncJobChangeOutcome> PatchAsync(SyncJobPatch patch)
    {
        var row = await store.LoadAsync(Id);
        if (row is null)
        {
            return SyncJobChangeOutcome.NotFound;
        }

        if (SyncJobStatuses.IsActive(row.Status))
        {
            // An active job can only be marked failed, which cancels it; the counters stay the job's.
            if (patch.Status != SyncJobStatuses.Failed || patch.RecordsProcessed is not null)
            {
                return SyncJobChangeOutcome.Conflict;
            }

            if (await CancelAsync(patch.ErrorLog is { Length: > 0 } log ? $"marked failed: {log}" : "marked failed") == SyncJobChangeOutcome.NotFound)
            {
                return SyncJobChangeOutcome.NotFound;
            }

            patch = patch with { Status = null };
        }

        await store.PatchAsync(Id, patch);
        return SyncJobChangeOutcome.Done;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_run is { IsCompleted: false } run)
        {
            // The silo is stopping or the activation is being moved: stop and checkpoint; the reminder resumes it.
            LogInterrupting(Id, reason.Description);
            _stop?.Interrupt();
            await JobKeepAlive.WaitStoppedAsync(run, cancellationToken);
        }
    }

    private void EnsureRunning(SyncJobRow row)
    {
        // The loop runs outside any grain call, so to Orleans the activation looks idle between reminder ticks:
        // keep it for a few ticks (each tick renews this), whatever the silo's collection age is.
        DelayDeactivation(KeepAlive * 3);
        if (_run is { IsCompleted: false })
        {
            return;
        }

        _stop = new JobStop();
        _run = RunAsync(row, _stop);
    }

    private async Task<RunResult> RunAsync(SyncJobRow row, JobStop stop)
    {
        RunResult result;
        var silo = RuntimeIdentity;
        try
        {
            result = await Task.Run(() => engine.RunAsync(row, silo, stop));
        }
        catch (Exception e)
        {
            // A database outage or a bug: the job stays active and the next reminder tick resumes it.
            LogRunFailed(e, Id);
            return RunResult.Interrupted;
        }

        if (result.Finished)
        {
            await CompleteAsync(row, result);
        }

        return result;
    }

    private async Task CompleteAsync(SyncJobRow row, RunResult result)
    {
        try
        {
            await GrainFactory.GetGrain<ISupplierGrain>(row.SupplierId)
                .JobFinishedAsync(new JobFinished(Id, row.Mode, result.Status!, result.StartedAt));
            await DropReminderAsync();
        }
        catch (Exception e)
        {
            // The reminder stays: its next tick sends the notice again.
            LogNotifyFailed(e, Id);
        }
    }

    private async Task DropReminderAsync()
    {
        await JobKeepAlive.DropAsync(this, KeepAliveReminder);

        this.DeactivateOnIdle();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync job {JobId} ({Status}) resumes on {Silo}")]
    private partial void LogResuming(Guid jobId, string status, string silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync job {JobId} interrupted ({Reason}); it resumes from its checkpoint")]
    private partial void LogInterrupting(Guid jobId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync job {JobId} did not stop within the cancel wait; it ends when its in-flight products finish")]
    private partial void LogSlowCancel(Guid jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync job {JobId} run failed; the next reminder tick resumes it")]
    private partial void LogRunFailed(Exception exception, Guid jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync job {JobId}: telling its supplier that it finished failed; retried on the next reminder tick")]
    private partial void LogNotifyFailed(Exception exception, Guid jobId);
}
