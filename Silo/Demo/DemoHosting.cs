using CatalogHub.Silo.Database;
using CatalogHub.SupplierSimulator;

namespace CatalogHub.Silo.Demo;

/// <summary>
/// The no-setup demo: in local mode the hub runs the supplier simulator in-process and registers a supplier
/// against it, so an import works right after <c>dotnet run</c>. <c>Hub:Demo:Enabled</c> switches it
/// (default: on in local mode only).
/// </summary>
public static class DemoHosting
{
    public const string EnabledKey = "Hub:Demo:Enabled";

    /// <summary>The demo catalog: 500 products, seed 1, the simulator's default account.</summary>
    public static readonly SimulatorOptions Simulator = new() { Products = 500, Seed = 1 };

    /// <summary>Call after the silo is added, so the demo starts once the silo runs.</summary>
    public static void AddHubDemo(this WebApplicationBuilder builder)
    {
        var localMode = builder.Services.Any(d => d.ServiceType == typeof(LocalDatabase));
        if (!builder.Configuration.GetValue(EnabledKey, localMode))
        {
            return;
        }

        builder.Services.AddSingleton<DemoSupplierRegistration>();
        builder.Services.AddHostedService<DemoService>();
    }
}

/// <summary>Starts the simulator, registers the demo supplier, and stops the simulator with the hub.</summary>
internal sealed partial class DemoService(DemoSupplierRegistration registration, ILogger<DemoService> logger) : IHostedService
{
    private RunningSupplierSimulator? _simulator;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _simulator = await SupplierSimulatorHost.StartAsync(DemoHosting.Simulator, cancellationToken);
        var id = await registration.EnsureAsync(_simulator, DemoHosting.Simulator, cancellationToken);
        LogReady(DemoSupplierRegistration.Name, id, _simulator.BaseUri, DemoHosting.Simulator.Products);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: supplier \"{Name}\" ({Id}) uses the simulator at {Uri} ({Products} products)")]
    private partial void LogReady(string name, Guid id, Uri uri, int products);
}
