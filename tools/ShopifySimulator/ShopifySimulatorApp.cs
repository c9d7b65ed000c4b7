using CatalogHub.ToolHosting;
using System.Text.Json;
using CatalogHub.ShopifySimulator.Admin;
using CatalogHub.ShopifySimulator.GraphQl;
using CatalogHub.ShopifySimulator.Knobs;
using CatalogHub.ShopifySimulator.Shop;

namespace CatalogHub.ShopifySimulator;

/// <summary>Composes the simulator: the GraphQL endpoint behind the knobs, and the admin endpoint.</summary>
internal static class ShopifySimulatorApp
{
    public const string DefaultUrl = "http://127.0.0.1:5098";

    /// <summary>
    /// The app; <paramref name="inProcess"/> reads nothing but <paramref name="args"/> (no appsettings or
    /// environment of the host process) and logs warnings only.
    /// </summary>
    public static WebApplication Build(ShopifySimulatorOptions options, string[] args, bool inProcess)
    {
        var builder = ToolWebApp.CreateBuilder(typeof(ShopifySimulatorApp), args, inProcess, DefaultUrl);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<ShopState>();
        builder.Services.AddSingleton<ShopifyControl>();
        builder.Services.AddSingleton<RequestCounters>();

        var app = builder.Build();
        app.MapPost(GraphQlEndpoint.Route, GraphQlEndpoint.HandleAsync);
        app.MapAdmin();
        return app;
    }
}
