using CatalogHub.Grains.Ingest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CatalogHub.Silo.Ingest;

/// <summary>Schedules the cluster's ingestion purge once this silo runs (registered after Orleans, so it starts after the silo).</summary>
internal sealed partial class IngestPurgeScheduler(IGrainFactory grains, ILogger<IngestPurgeScheduler> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<IIngestPurgeGrain>(0).EnsureScheduledAsync();
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or Npgsql.NpgsqlException)
        {
            // Another silo schedules it too; a silo that cannot now leaves it to them (and to its next start).
            LogNotScheduled(e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The ingestion purge could not be scheduled from this silo")]
    private partial void LogNotScheduled(Exception exception);
}
