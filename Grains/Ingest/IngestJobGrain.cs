using CatalogHub.Grains.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;

namespace CatalogHub.Grains.Ingest;

/// <inheritdoc cref="IIngestJobGrain"/>
/// <remarks>
/// Placed on the silo that took the request (the body need not cross the network). The work runs in
/// <see cref="IngestJobEngine"/> on the thread pool. An async job's reminder ticks every
/// <see cref="IngestOptions.KeepAlivePeriod"/> while it is unfinished: it keeps the activation, and after a
/// crash it activates the grain on a surviving silo, which resumes after the job's checkpoint.
/// </remarks>
[PreferLocalPlacement]
public sealed partial class IngestJobGrain(
    IngestJobStore store,
    IngestJobEngine engine,
    IOptions<IngestOptions> options,
    IOptions<Orleans.Hosting.ReminderOptions> reminders,
    ILogger<IngestJobGrain> logger) : Grain, IIngestJobGrain, IRemindable
{
    public const string KeepAliveReminder = "keep-alive";

    private Task? _run;

    private bool _runningInline;
    private Action? _stop;

    private long Id => this.GetPrimaryKeyLong();

    private TimeSpan KeepAlive => JobKeepAlive.Period(options.Value.KeepAlivePeriod, reminders.Value);

    public async Task<IngestJobRun> RunAsync(IngestJobSpec spec, byte[] body)
    {
        try
        {
            return await RunInlineAsync(spec, body, 0, resumed: false, collect: true);
        }
        finally
        {
            DeactivateOnIdle();
        }
    }

    public Task<bool> IsRunningAsync() => Task.FromResult(_runningInline || _run is { IsCompleted: false });

    public async Task<bool> ResumeAsync(byte[] body)
    {
        // Not reentrant: a run of this activation has ended before this starts, so the row tells the truth.
        var row = await store.LoadAsync(Id);
        if (row is null)
        {
            return false;
        }

        if (!row.Finished)
        {
            LogResuming(Id, RuntimeIdentity);
            await RunInlineAsync(row.Spec, body, row.Checkpoint, resumed: true, collect: false);
        }

        DeactivateOnIdle();
        return true;
    }

    public async Task StartAsync(IngestJobSpec spec, byte[] body)
    {
        await this.RegisterOrUpdateReminder(KeepAliveReminder, KeepAlive, KeepAlive);
        await EnsureRunningAsync(resumed: false, body);
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

        LogResuming(Id, RuntimeIdentity);
        await EnsureRunningAsync(resumed: true);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_run is { IsCompleted: false } run)
        {
            // Stopping or moving: stop between chunks; the reminder resumes after the last recorded one.
            LogInterrupting(Id, reason.Description);
            _stop?.Invoke();
            await JobKeepAlive.WaitStoppedAsync(run, cancellationToken);
        }
    }

    /// <summary>Runs the job to its end while the caller waits (a synchronous batch, or its resume), seen by <see cref="IsRunningAsync"/>.</summary>
    private async Task<IngestJobRun> RunInlineAsync(IngestJobSpec spec, byte[] body, int checkpoint, bool resumed, bool collect)
    {
        var id = Id;
        _runningInline = true;
        try
        {
            return await Task.Run(() => engine.RunAsync(id, spec, body, checkpoint, resumed, collect, CancellationToken.None));
        }
        finally
        {
            _runningInline = false;
        }
    }

    /// <summary>Runs the job unless it runs or ended; its body is <paramref name="given"/>, else the one stored with the job.</summary>
    private async Task EnsureRunningAsync(bool resumed, byte[]? given = null)
    {
        DelayDeactivation(KeepAlive * 3);
        if (_run is { IsCompleted: false })
        {
            return;
        }

        var row = await store.LoadAsync(Id);
        if (row is null || row.Finished)
        {
            await DropReminderAsync();
            return;
        }

        if ((given ?? await store.PayloadAsync(Id)) is not { } body)
        {
            await store.FailAsync(Id, "The job's entries are no longer stored; it cannot continue.");
            await DropReminderAsync();
            return;
        }

        var stop = new CancellationTokenSource();
        _stop = stop.Cancel;
        var id = Id;
        _run = RunInBackgroundAsync(stop, () => engine.RunAsync(id, row.Spec, body, row.Checkpoint, resumed || row.Checkpoint > 0, collect: false, stop.Token));
    }

    private async Task RunInBackgroundAsync(CancellationTokenSource stop, Func<Task<IngestJobRun>> run)
    {
        using var owned = stop;
        try
        {
            var result = await Task.Run(run);
            LogFinished(Id, result.State.Status, result.State.Total);
            await DropReminderAsync();
        }
        catch (OperationCanceledException)
        {
            // Interrupted on purpose (deactivation): the reminder resumes it.
        }
        catch (Exception e)
        {
            // A database outage or a bug: the job stays unfinished and the next reminder tick resumes it.
            LogRunFailed(e, Id);
        }
    }

    private async Task DropReminderAsync()
    {
        await JobKeepAlive.DropAsync(this, KeepAliveReminder);

        DeactivateOnIdle();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingestion job {JobId} resumes on {Silo}")]
    private partial void LogResuming(long jobId, string silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingestion job {JobId} interrupted ({Reason}); it resumes from its checkpoint")]
    private partial void LogInterrupting(long jobId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingestion job {JobId} finished: {Status}, {Total} entries")]
    private partial void LogFinished(long jobId, string status, int total);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ingestion job {JobId} run failed; the next reminder tick resumes it")]
    private partial void LogRunFailed(Exception exception, long jobId);
}
