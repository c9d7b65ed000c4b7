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
    IOptions<ReminderOptions> reminders,
    ILogger<SupplierGrain> logger) : Grain, ISupplierGrain
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

    public async Task JobFinishedAsync(JobFinished finished)
    {
        if (finished.Status is SyncJobStatuses.Success or SyncJobStatuses.PartialSuccess
            && finished.Mode is DiscoveryMode.FullSellable or DiscoveryMode.Delta)
        {
            await store.RecordSyncAsync(Id, finished.Mode, finished.StartedAt);
            _loaded = false;
        }

        if (state.State.Running.TryGetValue(finished.Mode, out var running) && running == finished.JobId)
        {
            state.State.Running.Remove(finished.Mode);
            await state.WriteStateAsync();
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
        return SupplierWriteResult.Saved;
    }

    private ISupplierAdapterFactory? Factory(string name) => registry.TryGet(name, out var factory) ? factory : null;

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
}
