using System.Text.Json;
using CatalogHub.Grains.Adapters;
using CatalogHub.Grains.Catalog;
using CatalogHub.Grains.Suppliers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CatalogHub.Grains.SyncJobs;

/// <summary>
/// Runs one sync job from wherever its checkpoint says (seed 000's run_existing_import_job): resolve the
/// adapter, discover (once: the refs are checkpointed), hydrate and persist the pending refs with the
/// supplier's concurrency and rate limit, finalize. Runs on the thread pool, outside the job's grain, which
/// only starts, stops and awaits it.
/// </summary>
public sealed partial class SyncJobEngine(
    SyncJobStore jobs,
    SupplierStore suppliers,
    CatalogPresence presence,
    SupplierAdapterRegistry registry,
    ISupplierSecrets secrets,
    IGrainFactory grains,
    IOptions<SyncJobOptions> options,
    TimeProvider time,
    ILogger<SyncJobEngine> logger)
{
    public async Task<RunResult> RunAsync(SyncJobRow job, string silo, JobStop stop)
    {
        if (job.CancelRequested)
        {
            return await FinishAsync(job, SyncJobStatuses.Failed, [SyncError.Cancelled("cancelled before the job resumed")]);
        }

        await jobs.MarkRunningAsync(job.Id, silo);
        var supplier = await suppliers.LoadAsync(job.SupplierId);
        var (adapter, problem) = CreateAdapter(supplier, job.Mode);
        if (adapter is null)
        {
            return await FinishAsync(job, SyncJobStatuses.Failed, [problem!]);
        }

        using var limiter = SupplierRateLimit.Create(supplier!.MaxRequestsPerSecond, time);
        var total = job.TotalProducts;
        if (!job.Discovered)
        {
            IReadOnlyList<ProductRef> refs;
            try
            {
                if (limiter is not null)
                {
                    await limiter.AcquireAsync(stop.Token);
                }

                var request = new DiscoveryRequest(job.Mode, job.Limit, job.ExplicitList, job.ChangedSince);
                refs = DiscoveredRefs.Normalize(await adapter.DiscoverAsync(request, stop.Token), job.Mode, job.Limit);
            }
            catch (OperationCanceledException) when (stop.Token.IsCancellationRequested)
            {
                return await StoppedAsync(job, stop);
            }
            catch (Exception e)
            {
                LogDiscoveryFailed(e, job.Id);
                return await FinishAsync(job, SyncJobStatuses.Failed, [SyncError.From(SyncError.Discover, null, e)]);
            }

            await jobs.SaveRefsAsync(job.Id, refs);
            total = refs.Count;
            LogDiscovered(job.Id, total);
        }

        return await HydrateAllAsync(job, supplier, adapter, limiter, total, silo, stop);
    }

    private async Task<RunResult> HydrateAllAsync(
        SyncJobRow job, SupplierConfig supplier, ISupplierAdapter adapter, SupplierRateLimit? limiter,
        int total, string silo, JobStop stop)
    {
        var pending = await jobs.PendingRefsAsync(job.Id);
        await jobs.BeginHydrateAsync(job.Id);
        LogHydrating(job.Id, pending.Count, total, silo);
        var hydration = new ProductHydration(
            adapter, limiter, grains, job.SupplierId, new ChangeSource(ChangeSources.Sync, job.Id.ToString()), options.Value.Delays, time, logger);
        await using var checkpoint = new Checkpoint(jobs, job.Id, options.Value);
        checkpoint.Start();
        using var loop = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        // Persisting runs behind hydration: a hydrate slot is free again as soon as the supplier answered,
        // while up to PersistWindow products wait for their durable write (group commits get fuller too).
        using var window = new SemaphoreSlim(options.Value.PersistWindow);
        var persisting = new List<Task>();
        SyncError? abort = null;
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = supplier.HydrateConcurrency, CancellationToken = loop.Token };
            await Parallel.ForEachAsync(pending, parallel, async (item, ct) =>
            {
                var (product, failure, authError) = await hydration.HydrateAsync(item, ct);
                if (product is not null)
                {
                    await window.WaitAsync(ct);
                    var persist = PersistAsync(hydration, item, product, checkpoint, window);
                    lock (persisting)
                    {
                        persisting.Add(persist);
                    }
                }
                else if (failure is not null)
                {
                    checkpoint.Add(failure);
                }
                else if (authError is not null)
                {
                    Interlocked.CompareExchange(ref abort, authError, null);
                    await loop.CancelAsync();
                }
            });
        }
        catch (OperationCanceledException) when (loop.IsCancellationRequested)
        {
            // Auth abort, cancel or interruption: what finished is in the checkpoint.
        }

        await Task.WhenAll(persisting);
        await checkpoint.CompleteAsync();
        var counts = await jobs.LoadAsync(job.Id);
        var (succeeded, failed) = (counts?.SuccessCount ?? 0, counts?.FailedCount ?? 0);
        if (abort is not null)
        {
            return await FinishAsync(job, SyncJobStatuses.Failed, [abort]);
        }

        if (stop.Token.IsCancellationRequested)
        {
            return await StoppedAsync(job, stop);
        }

        if (succeeded + failed < total)
        {
            // Some refs are still pending (their markers could not be written): hydrate them on resume.
            LogIncomplete(job.Id, total - succeeded - failed);
            return RunResult.Interrupted;
        }

        var status = SyncOutcome.Decide(succeeded, failed, aborted: false);
        var (discontinued, reinstated) = await presence.ApplyAsync(
            job.Id, job.SupplierId, SyncOutcome.SawWholeCatalog(job.Mode, status, total), time.GetUtcNow());
        if (discontinued + reinstated > 0)
        {
            LogPresence(job.Id, discontinued, reinstated);
        }

        return await FinishAsync(job, status, []);
    }

    private static async Task PersistAsync(ProductHydration hydration, PendingRef item, CanonicalProduct product, Checkpoint checkpoint, SemaphoreSlim window)
    {
        try
        {
            checkpoint.Add(await hydration.PersistAsync(item, product));
        }
        finally
        {
            window.Release();
        }
    }

    /// <summary>The adapter for the job, or the registry error that fails it.</summary>
    private (ISupplierAdapter? Adapter, SyncError? Problem) CreateAdapter(SupplierConfig? supplier, DiscoveryMode mode)
    {
        if (supplier?.Adapter is not { } name)
        {
            return (null, new SyncError(SyncError.Registry, null, "adapter_not_configured", "The supplier has no adapter."));
        }

        if (!registry.TryGet(name, out var factory))
        {
            return (null, new SyncError(SyncError.Registry, null, "adapter_not_registered", $"No adapter named '{name}' is registered on this silo."));
        }

        try
        {
            using var settings = JsonDocument.Parse(supplier.SettingsJson);
            var credentials = supplier.ProtectedCredentials is { } payload ? secrets.Unprotect(payload) : new Dictionary<string, string>();
            var adapter = factory.Create(new SupplierAdapterContext(supplier.Id, settings.RootElement.Clone(), credentials));
            return adapter.SupportedModes.Contains(mode)
                ? (adapter, null)
                : (null, new SyncError(SyncError.Registry, null, "mode_not_supported", $"The '{name}' adapter does not implement {mode.Name()}."));
        }
        catch (Exception e)
        {
            // Never the exception's message for crypto failures: it could describe key material.
            return (null, e is System.Security.Cryptography.CryptographicException
                ? new SyncError(SyncError.Registry, null, "credentials_unreadable", "The supplier's credentials cannot be decrypted with the key ring.")
                : SyncError.From(SyncError.Registry, null, e));
        }
    }

    private async Task<RunResult> StoppedAsync(SyncJobRow job, JobStop stop) =>
        stop.CancelReason is { } reason
            ? await FinishAsync(job, SyncJobStatuses.Failed, [SyncError.Cancelled(reason)])
            : RunResult.Interrupted;

    private async Task<RunResult> FinishAsync(SyncJobRow job, string status, IReadOnlyList<SyncError> errors)
    {
        var started = await jobs.FinalizeAsync(job, status, errors);
        if (started is null)
        {
            // Ended meanwhile (e.g. a PATCH): report what the row says.
            var row = await jobs.LoadAsync(job.Id);
            return new RunResult(row?.Status ?? status, row?.StartedAt ?? job.StartedAt);
        }

        LogFinished(job.Id, status);
        return new RunResult(status, started.Value);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync job {JobId}: discovered {Count} products")]
    private partial void LogDiscovered(Guid jobId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync job {JobId}: discovery failed")]
    private partial void LogDiscoveryFailed(Exception exception, Guid jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync job {JobId}: hydrating {Pending} of {Total} products on {Silo}")]
    private partial void LogHydrating(Guid jobId, int pending, int total, string silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync job {JobId}: {Count} products still pending after the loop; the job resumes later")]
    private partial void LogIncomplete(Guid jobId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync job {JobId}: {Discontinued} products discontinued, {Reinstated} reinstated")]
    private partial void LogPresence(Guid jobId, long discontinued, long reinstated);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync job {JobId} finished: {Status}")]
    private partial void LogFinished(Guid jobId, string status);
}
