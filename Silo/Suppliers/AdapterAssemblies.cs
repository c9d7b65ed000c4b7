using System.Reflection;
using CatalogHub.Grains.Adapters;
using CatalogHub.Silo.Hosting;

namespace CatalogHub.Silo.Suppliers;

/// <summary>
/// <c>Hub:AdapterAssemblies</c>: paths of assemblies whose public <see cref="ISupplierAdapterFactory"/>
/// classes are registered as adapters. Built-in adapters register themselves in code; this is for adapters
/// built outside the hub — and for the tests' scripted adapter in silo processes.
/// </summary>
public static class AdapterAssemblies
{
    public const string Key = "Hub:AdapterAssemblies";

    public static IServiceCollection AddAdapterAssemblies(this IServiceCollection services, IConfiguration configuration)
    {
        var paths = configuration.GetSection(Key).Get<string[]>() ?? [];
        if (paths.Length == 0 && configuration[Key] is { Length: > 0 } single)
        {
            paths = single.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            if (!File.Exists(full))
            {
                throw new HubConfigurationException([$"{Key}: no assembly at '{full}'."]);
            }

            var factories = Assembly.LoadFrom(full).GetExportedTypes()
                .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ISupplierAdapterFactory).IsAssignableFrom(t))
                .ToList();
            if (factories.Count == 0)
            {
                throw new HubConfigurationException([$"{Key}: '{full}' has no public ISupplierAdapterFactory class."]);
            }

            foreach (var factory in factories)
            {
                services.AddSingleton(typeof(ISupplierAdapterFactory), factory);
            }
        }

        return services;
    }
}
