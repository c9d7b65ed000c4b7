using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CatalogHub.Grains.Imports;

/// <inheritdoc cref="IImportPurgeGrain"/>
public sealed partial class ImportPurgeGrain(ImportStore store, IOptions<ImportOptions> options, ILogger<ImportPurgeGrain> logger)
    : Grain, IImportPurgeGrain, IRemindable
{
    public const string Reminder = "import-purge";

    public Task EnsureScheduledAsync() =>
        this.RegisterOrUpdateReminder(Reminder, options.Value.PurgePeriod, options.Value.PurgePeriod);

    public async Task<int> PurgeAsync()
    {
        var purged = await store.PurgeAsync();
        LogPurged(purged);
        return purged;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == Reminder)
        {
            await PurgeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import purge: {Imports} imports past their retention deleted with their feeds")]
    private partial void LogPurged(int imports);
}
