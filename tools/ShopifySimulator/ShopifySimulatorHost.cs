using CatalogHub.ShopifySimulator.Knobs;
using CatalogHub.ShopifySimulator.Shop;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CatalogHub.ShopifySimulator;

/// <summary>Runs the simulator inside the calling process (tests, benchmark, demo) on a free loopback port.</summary>
public static class ShopifySimulatorHost
{
    /// <summary>Starts a simulator; throws <see cref="ArgumentException"/> for invalid options.</summary>
    public static async Task<RunningShopifySimulator> StartAsync(ShopifySimulatorOptions? options = null, CancellationToken ct = default)
    {
        options ??= new ShopifySimulatorOptions();
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        var app = ShopifySimulatorApp.Build(options, ["--urls", "http://127.0.0.1:0"], inProcess: true);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningShopifySimulator(
            app, new Uri(address.TrimEnd('/') + "/"), app.Services.GetRequiredService<ShopifyControl>(), app.Services.GetRequiredService<RequestCounters>());
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
