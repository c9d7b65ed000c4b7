using CatalogHub.Grains.Adapters;
using CatalogHub.Grains.SyncJobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Hosting;

namespace CatalogHub.Grains.Suppliers;

/// <inheritdoc cref="ISupplierGrain"/>
/// <remarks>
/// Not reentrant: imports of one supplier are decided one at a time, wherever the request arrived. The
/// running job per mode is in Orleans storage and is written before the job is created; if a job's "finished"
/// notice was lost, the job row's status tells (a terminal or missing job frees its mode).
/// </remarks>
public sealed partial class SupplierGrain(
    [PersistentState("supplier", StorageNames.Hub)] IPersistentState<SupplierState> state,
    SupplierStore store,
    SupplierAdapterRegistry registry,
    ISupplierSecrets secrets,
    IOptions<SchedulerOptions> scheduler,
    IOptions<ReminderOptions> reminders,
    ILogger<SupplierGrain> logger) : Grain, ISupplierGrain, IRemindable
{
    private SupplierConfig? _config;
    private bool _loaded;

    private Guid Id => this.GetPrimaryKey();

    public async Task<SupplierWriteResult> CreateAsync(SupplierChanges changes) =>
        await ConfigAsync() is null ? await SaveAsync(null, changes) : new SupplierWriteResult(SupplierWriteOutcome.AlreadyExists);

    public async Task<SupplierWriteResult> UpdateAsync(SupplierChanges changes) =>
        await ConfigAsync() is { } current ? await SaveAsync(current, changes) : SupplierWriteResult.NotFound;

    public Task<SupplierWriteResult> DeactivateAsync() => UpdateAsync(new SupplierChanges { Active = Change.To(false) });

    public async Task<StartImportResult> StartImportAsync(ImportRequest request)
    {
        var config = await ConfigAsync();
        if (config is null)
        {
            return StartImportResult.NotFound;
        }

        if (!config.Active)
        {
            return StartImportResult.Inactive;
        }

        if (config.Adapter is null)
        {
            return StartImportResult.NoAdapter;
        }

        if (state.State.Running.TryGetValue(request.Mode, out var running))
        {
            var status = await store.JobStatusAsync(running);
            if (status is not null && SyncJobStatuses.IsActive(status))
            {
                return StartImportResult.Conflict(running);
            }

            LogFreedStaleMode(Id, request.Mode, running, status);
            state.State.Running.Remove(request.Mode);
        }

        var jobId = Guid.NewGuid();
        if (request.Mode == DiscoveryMode.Delta)
        {
            // From the table, not the cache: a job that just ended has recorded its time there, and its notice to
            // this grain may still be on its way.
            _loaded = false;
            config = await ConfigAsync() ?? config;
        }

        var since = request.Mode == DiscoveryMode.Delta ? config.DeltaSince() : null;
        // The mode is taken (durably) before the job exists: a crash in between leaves a job id with no row,
        // which the check above frees; the other order could leave a job running that nobody knows of.
        state.State.Running[request.Mode] = jobId;
        await state.WriteStateAsync();
        try
        {
            await GrainFactory.GetGrain<ISyncJobGrain>(jobId).StartAsync(new SyncJobSpec(Id, config.Name, request, since));
        }
        catch
        {
            state.State.Running.Remove(request.Mode);
            await state.WriteStateAsync();
            throw;
        }

        LogImportStarted(Id, request.Mode, jobId);
        return StartImportResult.Started(jobId);
    }

    public async Task<StartImportResult> RunScheduledAsync(DiscoveryMode mode)
    {
        if (!scheduler.Value.Enabled)
        {
            LogSchedulerDisabled(Id, mode);
            return StartImportResult.NotScheduled;
        }

        var config = await ConfigAsync();
        if (!SupplierSchedules.Desired(config).ContainsKey(ReminderName(mode)))
        {
            LogScheduleGone(Id, mode);
            await SyncRemindersAsync(config);
            return StartImportResult.NotScheduled;
        }

        var result = await StartImportAsync(new ImportRequest(mode));
        if (result.Outcome == StartImportOutcome.Conflict)
        {
            LogScheduleSkipped(Id, mode, result.JobId!.Value);
        }

        return result;
    }

    public async Task JobFinishedAsync(JobFinished finished)
    {
        // The job's end recorded the sync time (SyncJobStore.FinalizeAsync); the cached configuration is reread.
        _loaded = false;

        if (state.State.Running.TryGetValue(finished.Mode, out var running) && running == finished.JobId)
        {
            state.State.Running.Remove(finished.Mode);
            await state.WriteStateAsync();
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (SupplierSchedules.ModeOf(reminderName) is { } mode)
        {
            await RunScheduledAsync(mode);
        }
    }

    private async Task<SupplierWriteResult> SaveAsync(SupplierConfig? current, SupplierChanges changes)
    {
        var result = SupplierRules.Apply(Id, current, changes, Factory, reminders.Value.MinimumReminderPeriod);
        if (result.Config is not { } next)
        {
            return SupplierWriteResult.Invalid(result.Errors);
        }

        if (result.Credentials is { } credentials)
        {
            next = next with { ProtectedCredentials = credentials.Value is { Count: > 0 } plain ? secrets.Protect(plain) : null };
        }

        if (current is null)
        {
            await store.InsertAsync(next);
        }
        else
        {
            await store.UpdateAsync(next);
        }

        _config = next;
        await SyncRemindersAsync(next);
        return SupplierWriteResult.Saved;
    }

    /// <summary>Registers, re-registers (period changed) or removes the schedule reminders to match the supplier.</summary>
    private async Task SyncRemindersAsync(SupplierConfig? config)
    {
        var desired = SupplierSchedules.Desired(config);
        var changed = false;
        foreach (var (_, name) in SupplierSchedules.Reminders)
        {
            if (desired.TryGetValue(name, out var period))
            {
                if (!state.State.Schedules.TryGetValue(name, out var registered) || registered != period || await this.GetReminder(name) is null)
                {
                    await this.RegisterOrUpdateReminder(name, period, period);
                    state.State.Schedules[name] = period;
                    changed = true;
                    LogScheduleSet(Id, name, period);
                }
            }
            else
            {
                changed |= state.State.Schedules.Remove(name);
                if (await this.GetReminder(name) is { } reminder)
                {
                    await this.UnregisterReminder(reminder);
                    LogScheduleCleared(Id, name);
                }
            }
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }
    }

    private ISupplierAdapterFactory? Factory(string name) => registry.TryGet(name, out var factory) ? factory : null;

    private static string ReminderName(DiscoveryMode mode) => SupplierSchedules.Reminders.First(r => r.Mode == mode).Reminder;

    private async Task<SupplierConfig?> ConfigAsync()
    {
        if (!_loaded)
        {
            _config = await store.LoadAsync(Id);
            _loaded = true;
        }

        return _config;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Supplier {SupplierId}: {Mode} import {JobId} created")]
    private partial void LogImportStarted(Guid supplierId, DiscoveryMode mode, Guid jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Supplier {SupplierId}: mode {Mode} was held by job {JobId} whose status is {Status}; freed")]
    private partial void LogFreedStaleMode(Guid supplierId, DiscoveryMode mode, Guid jobId, string? status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Supplier {SupplierId}: scheduled {Mode} import skipped, job {JobId} of that mode is still running")]
    private partial void LogScheduleSkipped(Guid supplierId, DiscoveryMode mode, Guid jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Supplier {SupplierId}: scheduled {Mode} import not started, the scheduler is disabled (Hub:Scheduler:Enabled=false)")]
    private partial void LogSchedulerDisabled(Guid supplierId, DiscoveryMode mode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Supplier {SupplierId}: {Mode} reminder fired but the supplier has no such schedule any more; removing it")]
    private partial void LogScheduleGone(Guid supplierId, DiscoveryMode mode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Supplier {SupplierId}: reminder {Reminder} every {Period}")]
    private partial void LogScheduleSet(Guid supplierId, string reminder, TimeSpan period);

    [LoggerMessage(Level = LogLevel.Information, Message = "Supplier {SupplierId}: reminder {Reminder} removed")]
    private partial void LogScheduleCleared(Guid supplierId, string reminder);
}
