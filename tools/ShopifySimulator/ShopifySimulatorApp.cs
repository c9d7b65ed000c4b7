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
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(ShopifySimulatorApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (inProcess)
        {
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddCommandLine(args);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }

        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ShopState>();
        builder.Services.AddSingleton<ShopifyControl>();
        builder.Services.AddSingleton<RequestCounters>();

        var app = builder.Build();
        app.MapPost(GraphQlEndpoint.Route, GraphQlEndpoint.HandleAsync);
        app.MapAdmin();
        return app;
    }
}
