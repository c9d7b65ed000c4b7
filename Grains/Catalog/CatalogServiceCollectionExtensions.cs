using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CatalogHub.Grains.Catalog;

/// <summary>Registers the catalog store (a singleton that is also the hosted group-commit loop).</summary>
public static class CatalogServiceCollectionExtensions
{
    public static IServiceCollection AddCatalogStore(this IServiceCollection services)
    {
        services.AddOptions<CatalogStoreOptions>().BindConfiguration("Hub:CatalogStore");
        services.AddSingleton<CatalogStore>();
        services.AddSingleton<StampReader>();
        services.AddSingleton<ProductStateReader>();
        services.AddSingleton<Ingest.EntryStampReader>();
        services.AddSingleton<Ingest.ProductCommandApplier>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<CatalogStore>());
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
