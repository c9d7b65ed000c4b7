using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CatalogHub.Grains.Ingest;

/// <inheritdoc cref="IIngestPurgeGrain"/>
public sealed partial class IngestPurgeGrain(NpgsqlDataSource dataSource, IOptions<IngestOptions> options, ILogger<IngestPurgeGrain> logger)
    : Grain, IIngestPurgeGrain, IRemindable
{
    public const string Reminder = "purge";

    private const string Sql = """
        WITH jobs AS (
            DELETE FROM ingest_jobs WHERE expires_at < now() AND status NOT IN ('pending', 'processing') RETURNING id
        ), keys AS (
            DELETE FROM idempotency_keys WHERE expires_at < now() RETURNING 1
        )
        SELECT (SELECT count(*) FROM jobs)::int, (SELECT count(*) FROM keys)::int
        """;

    public Task EnsureScheduledAsync() =>
        this.RegisterOrUpdateReminder(Reminder, options.Value.PurgePeriod, options.Value.PurgePeriod);

    public async Task<(int Jobs, int Keys)> PurgeAsync()
    {
        await using var cmd = dataSource.CreateCommand(Sql);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        var purged = (reader.GetInt32(0), reader.GetInt32(1));
        LogPurged(purged.Item1, purged.Item2);
        return purged;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == Reminder)
        {
            await PurgeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingestion purge: {Jobs} jobs past their retention and {Keys} idempotency keys past their window deleted")]
    private partial void LogPurged(int jobs, int keys);
}
