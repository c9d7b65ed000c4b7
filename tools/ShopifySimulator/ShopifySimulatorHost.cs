using CatalogHub.ShopifySimulator.Knobs;
using CatalogHub.ShopifySimulator.Shop;
using CatalogHub.ToolHosting;

namespace CatalogHub.ShopifySimulator;

/// <summary>Runs the simulator inside the calling process (tests, benchmark, demo) on a free loopback port.</summary>
public static class ShopifySimulatorHost
{
    /// <summary>Starts a simulator; throws <see cref="ArgumentException"/> for invalid options.</summary>
    public static async Task<RunningShopifySimulator> StartAsync(ShopifySimulatorOptions? options = null, CancellationToken ct = default)
    {
        options ??= new ShopifySimulatorOptions();
        ToolWebApp.ThrowIfInvalid(options.Problems(), nameof(options));

        var app = ShopifySimulatorApp.Build(options, ToolWebApp.InProcessArgs, inProcess: true);
        var baseUri = await ToolWebApp.StartInProcessAsync(app, ct);
        return new RunningShopifySimulator(
            app, baseUri, app.Services.GetRequiredService<ShopifyControl>(), app.Services.GetRequiredService<RequestCounters>());
    }
}

/// <summary>A started simulator: where it listens, how to change it and what it holds. Dispose to stop it.</summary>
public sealed class RunningShopifySimulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    internal RunningShopifySimulator(WebApplication app, Uri baseUri, ShopifyControl control, RequestCounters requests)
    {
        _app = app;
        BaseUri = baseUri;
        Control = control;
        Requests = requests;
    }

    /// <summary>E.g. <c>http://127.0.0.1:41234/</c>: the value for a target's <c>ShopDomain</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Knobs, locations and the cost bucket.</summary>
    public ShopifyControl Control { get; }

    /// <summary>The shop's products, variants, locations and inventory.</summary>
    public ShopState Shop => Control.Shop;

    /// <summary>What the GraphQL endpoint answered: executed requests per mutation, throttled, unauthorized.</summary>
    public RequestCounters Requests { get; }

    /// <summary>The GraphQL endpoint of <paramref name="apiVersion"/>.</summary>
    public Uri GraphQlUri(string apiVersion = "2025-10") => new(BaseUri, $"admin/api/{apiVersion}/graphql.json");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
