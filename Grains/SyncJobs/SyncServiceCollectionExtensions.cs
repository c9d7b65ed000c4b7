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
        services.AddOptions<SyncJobOptions>().BindConfiguration(SyncJobOptions.Section)
            .Validate(o => o.RetryDelays.All(d => d >= TimeSpan.Zero), "Hub:SyncJobs:RetryDelays must not be negative.")
            .Validate(o => o.CheckpointInterval > TimeSpan.Zero && o.CheckpointBatch > 0, "Hub:SyncJobs:CheckpointInterval and CheckpointBatch must be positive.")
            .Validate(o => o.KeepAlivePeriod > TimeSpan.Zero && o.CancelWait > TimeSpan.Zero, "Hub:SyncJobs:KeepAlivePeriod and CancelWait must be positive.")
            .Validate(o => o.PersistWindow > 0 && o.MaxStoredErrors >= 0, "Hub:SyncJobs:PersistWindow must be positive and MaxStoredErrors not negative.")
            .ValidateOnStart();
        services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.Section);
        services.TryAddSingleton<SupplierAdapterRegistry>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SupplierStore>();
        services.TryAddSingleton<Callbacks.JobCallbackWriter>();
        services.AddSingleton<SyncJobStore>();
        services.AddSingleton<CatalogPresence>();
        services.AddSingleton<SyncJobEngine>();
        return services;
    }
}
