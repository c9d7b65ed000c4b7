using CatalogHub.Grains.Imports;
using CatalogHub.Grains.Ingest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CatalogHub.Silo.Ingest;

/// <summary>Schedules the cluster's purges (ingestion jobs, feed imports) once this silo runs (registered after Orleans, so it starts after the silo).</summary>
internal sealed partial class PurgeScheduler(IGrainFactory grains, ILogger<PurgeScheduler> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(grains.GetGrain<IIngestPurgeGrain>(0).EnsureScheduledAsync(), grains.GetGrain<IImportPurgeGrain>(0).EnsureScheduledAsync());
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or Npgsql.NpgsqlException)
        {
            // Another silo schedules it too; a silo that cannot now leaves it to them (and to its next start).
            LogNotScheduled(e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The purges could not be scheduled from this silo")]
    private partial void LogNotScheduled(Exception exception);
}
