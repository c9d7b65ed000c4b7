using CatalogHub.Grains.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CatalogHub.Grains.Imports;

/// <inheritdoc cref="IImportQueueGrain"/>
/// <remarks>
/// The run loop is a background task of the activation (grain calls stay short): it takes the catalog's next import
/// from <c>feed_imports</c> and runs it through <see cref="ImportApplier"/>, a plain class on the thread pool — no
/// product grain is activated on this path. While imports wait or run, a reminder ticks every
/// <see cref="ImportOptions.KeepAlivePeriod"/>: it keeps the activation, and after a crash it activates the queue on
/// a surviving silo, which re-runs the interrupted import from its stored body (its transaction was rolled back).
/// Placed on the silo that took the first request of the catalog.
/// </remarks>
[Orleans.Placement.PreferLocalPlacement]
public sealed partial class ImportQueueGrain(
    ImportStore store,
    ImportApplier applier,
    IOptions<ImportOptions> options,
    IOptions<Orleans.Hosting.ReminderOptions> reminders,
    ILogger<ImportQueueGrain> logger) : Grain, IImportQueueGrain, IRemindable
{
    public const string KeepAliveReminder = "keep-alive";

    private Task? _loop;

    private string Catalog => this.GetPrimaryKeyString();

    private TimeSpan KeepAlive => JobKeepAlive.Period(options.Value.KeepAlivePeriod, reminders.Value);

    public async Task EnqueueAsync(long importId)
    {
        await this.RegisterOrUpdateReminder(KeepAliveReminder, KeepAlive, KeepAlive);
        EnsureRunning();
    }

    public async Task<string> ValidateAsync(long importId)
    {
        if (await store.LoadAsync(importId) is not { } row)
        {
            return ImportStatuses.NotFound;
        }

        var outcome = await Task.Run(() => applier.RunAsync(row, attempt: 0, dryRun: true));
        return await FinishAsync(row, outcome, validation: true);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == KeepAliveReminder)
        {
            EnsureRunning();
        }

        return Task.CompletedTask;
    }

    private void EnsureRunning()
    {
        DelayDeactivation(KeepAlive * 3);
        if (_loop is not { IsCompleted: false })
        {
            _loop = LoopAsync();
        }
    }

    private async Task LoopAsync()
    {
        while (true)
        {
            try
            {
                while (await store.NextAsync(Catalog) is { } next)
                {
                    DelayDeactivation(KeepAlive * 3);
                    await RunOneAsync(next);
                }

                await JobKeepAlive.DropAsync(this, KeepAliveReminder);
                if (!await store.HasQueuedAsync(Catalog))
                {
                    return;
                }

                // An import was queued while the reminder was being dropped: keep going, with the reminder back.
                await this.RegisterOrUpdateReminder(KeepAliveReminder, KeepAlive, KeepAlive);
            }
            catch (Exception e)
            {
                // A database outage: the reminder's next tick starts the loop again.
                LogLoopFailed(e, Catalog);
                return;
            }
        }
    }

    private async Task RunOneAsync(ImportRow next)
    {
        if (next.Attempts >= options.Value.MaxAttempts)
        {
            await store.FailAsync(next.Id, ImportStatuses.Interrupted,
                $"The import was interrupted {next.Attempts} times (a silo stopped under it); nothing was applied. Send it again.");
            return;
        }

        if (await store.StartAsync(next.Id) is not { } attempt)
        {
            return;
        }

        if (next.Status == ImportStatuses.InProgress)
        {
            LogResuming(next.Id, Catalog, attempt);
        }

        ImportOutcome outcome;
        try
        {
            outcome = await Task.Run(() => applier.RunAsync(next, attempt, dryRun: false));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogApplyFailed(e, next.Id);
            await store.FailAsync(next.Id, ImportStatuses.ApplyFailed, $"The import could not be applied, so nothing was: {e.Message}");
            return;
        }

        await FinishAsync(next, outcome, validation: false);
    }

    private async Task<string> FinishAsync(ImportRow row, ImportOutcome outcome, bool validation)
    {
        switch (outcome)
        {
            case ImportOutcome.Invalid invalid:
                await store.FailAsync(row.Id, ImportStatuses.InvalidFeed, invalid.Reason, invalid.Errors);
                return ImportStatuses.Failure;
            case ImportOutcome.Harmful harmful:
                await store.FailAsync(row.Id, ImportStatuses.HarmfulImport, harmful.Reason);
                return ImportStatuses.Failure;
            case ImportOutcome.Applied applied when validation:
                await store.ValidatedAsync(row.Id, applied.Summary);
                return ImportStatuses.Success;
            case ImportOutcome.Applied applied:
                LogApplied(row.Id, Catalog, applied.Summary.Created, applied.Summary.Updated, applied.Summary.Unchanged, applied.Summary.Archived);
                return ImportStatuses.Success;
            default:
                return ImportStatuses.InProgress;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} of {Catalog} applied: {Created} created, {Updated} updated, {Unchanged} unchanged, {Archived} archived")]
    private partial void LogApplied(long importId, string catalog, int created, int updated, int unchanged, int archived);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} of {Catalog} was interrupted; running it again (attempt {Attempt})")]
    private partial void LogResuming(long importId, string catalog, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {ImportId} failed while applying; rolled back")]
    private partial void LogApplyFailed(Exception exception, long importId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The import queue of {Catalog} stopped; its reminder starts it again")]
    private partial void LogLoopFailed(Exception exception, string catalog);
}
