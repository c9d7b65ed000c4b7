using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CatalogHub.Grains.Imports;

/// <summary>Registers what feed imports use (options, the store, the applier, the fault hook and the clock).</summary>
public static class ImportServiceCollectionExtensions
{
    public static IServiceCollection AddFeedImports(this IServiceCollection services)
    {
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section)
            .Validate(o => o.ChunkSize is > 0 and <= 10_000, "Hub:Imports:ChunkSize must be 1 to 10000.")
            .Validate(o => o.HarmfulShare is > 0 and <= 1, "Hub:Imports:HarmfulShare must be above 0 and at most 1.")
            .Validate(o => o.Retention > TimeSpan.Zero && o.PurgePeriod > TimeSpan.Zero && o.KeepAlivePeriod > TimeSpan.Zero, "Hub:Imports periods must be positive.")
            .Validate(o => o.MaxAttempts > 0 && o.MaxBodyBytes > 0 && o.MaxReportedErrors > 0, "Hub:Imports:MaxAttempts, MaxBodyBytes and MaxReportedErrors must be positive.")
            .ValidateOnStart();
        services.TryAddKeyedSingleton(ImportOptions.ClockKey, TimeProvider.System);
        services.TryAddSingleton<IImportFaults, NoImportFaults>();
        services.TryAddSingleton<Callbacks.JobCallbackWriter>();
        services.AddSingleton<ImportStore>();
        services.AddSingleton<ImportApplier>();
        return services;
    }
}
