using CatalogHub.Grains.Adapters;
using CatalogHub.Grains.Suppliers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CatalogHub.Grains.SyncJobs;

/// <summary>Registers what supplier and sync-job grains use. Adapters add themselves as <see cref="ISupplierAdapterFactory"/>s.</summary>
public static class SyncServiceCollectionExtensions
{
    public static IServiceCollection AddSupplierSync(this IServiceCollection services)
    {
        services.AddOptions<SyncJobOptions>().BindConfiguration(SyncJobOptions.Section);
        services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.Section);
        services.TryAddSingleton<SupplierAdapterRegistry>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SupplierStore>();
        services.AddSingleton<SyncJobStore>();
        services.AddSingleton<CatalogPresence>();
        services.AddSingleton<SyncJobEngine>();
        return services;
    }
}
