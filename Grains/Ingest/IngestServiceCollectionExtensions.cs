using CatalogHub.Grains.Ingest.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CatalogHub.Grains.Ingest;

/// <summary>Registers what ingestion job grains use.</summary>
public static class IngestServiceCollectionExtensions
{
    public static IServiceCollection AddIngestJobs(this IServiceCollection services)
    {
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section)
            .Validate(o => o.ChunkSize is > 0 and <= 10_000, "Hub:Ingest:ChunkSize must be 1 to 10000.")
            .Validate(o => o.KeepAlivePeriod > TimeSpan.Zero && o.Retention > TimeSpan.Zero && o.IdempotencyWindow > TimeSpan.Zero && o.PurgePeriod > TimeSpan.Zero,
                "Hub:Ingest periods must be positive.")
            .ValidateOnStart();
        services.AddIngestStores();
        services.AddSingleton<SkuResolver>();
        services.AddSingleton<IngestPlanner>();
        services.TryAddSingleton<Callbacks.JobCallbackWriter>();
        services.AddSingleton<IngestJobStore>();
        services.AddSingleton<IngestJobEngine>();
        return services;
    }
}
