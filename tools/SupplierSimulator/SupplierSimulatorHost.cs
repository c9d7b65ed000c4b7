using CatalogHub.SupplierSimulator.Knobs;
using CatalogHub.ToolHosting;

namespace CatalogHub.SupplierSimulator;

/// <summary>Runs the simulator inside the calling process (tests, benchmark, demo) on a free loopback port.</summary>
public static class SupplierSimulatorHost
{
    public static async Task<RunningSupplierSimulator> StartAsync(SimulatorOptions? options = null, CancellationToken ct = default)
    {
        options ??= new SimulatorOptions();
        ToolWebApp.ThrowIfInvalid(options.Problems(), nameof(options));

        var app = SimulatorApp.Build(options, ToolWebApp.InProcessArgs, inProcess: true);
        var baseUri = await ToolWebApp.StartInProcessAsync(app, ct);
        return new RunningSupplierSimulator(app, baseUri, app.Services.GetRequiredService<SimulatorControl>());
    }
}

/// <summary>A started simulator: where it listens and how to change it. Dispose to stop it.</summary>
public sealed class RunningSupplierSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    internal RunningSupplierSimulator(WebApplication app, Uri baseUri, SimulatorControl control)
    {
        _app = app;
        BaseUri = baseUri;
        Control = control;
    }

    /// <summary>E.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; }

    public SimulatorControl Control { get; }

    public Uri ProductDataUri => new(BaseUri, "productdata2");

    public Uri PricingUri => new(BaseUri, "ppc");

    public Uri MediaUri => new(BaseUri, "media");

    public Uri InventoryUri => new(BaseUri, "inventory2");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
