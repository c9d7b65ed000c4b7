using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CatalogHub.Grains.Ingest.Stores;

/// <summary>Registers what ingestion uses to resolve stores and locations.</summary>
public static class StoreServiceCollectionExtensions
{
    public static IServiceCollection AddIngestStores(this IServiceCollection services)
    {
        services.TryAddSingleton<StoreDirectory>();
        return services;
    }
}
