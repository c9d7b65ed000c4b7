using CatalogHub.ToolHosting;
using System.Text.Json;
using System.Text.Json.Serialization;
using CatalogHub.SupplierSimulator.Admin;
using CatalogHub.SupplierSimulator.Catalog;
using CatalogHub.SupplierSimulator.Knobs;
using CatalogHub.SupplierSimulator.Services.Inventory;
using CatalogHub.SupplierSimulator.Services.Media;
using CatalogHub.SupplierSimulator.Services.Pricing;
using CatalogHub.SupplierSimulator.Services.ProductData;
using CatalogHub.SupplierSimulator.Soap;

namespace CatalogHub.SupplierSimulator;

/// <summary>Composes the simulator: the four SOAP services behind the knobs, and the admin endpoint.</summary>
internal static class SimulatorApp
{
    public const string DefaultUrl = "http://127.0.0.1:5099";

    /// <summary>The services, in the order <c>/admin/catalog</c> and the start-up line list them.</summary>
    public static readonly SoapService[] Services =
        [ProductDataService.Create(), PricingService.Create(), MediaService.Create(), InventoryService.Create()];

    /// <summary>
    /// The app; <paramref name="inProcess"/> reads nothing but <paramref name="args"/> (no appsettings or
    /// environment of the host process) and logs warnings only.
    /// </summary>
    public static WebApplication Build(SimulatorOptions options, string[] args, bool inProcess)
    {
        var builder = ToolWebApp.CreateBuilder(typeof(SimulatorApp), args, inProcess, DefaultUrl);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower)));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(sp => new CatalogState(new SyntheticCatalog(options.Products, options.Seed), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<SimulatorControl>();
        builder.Services.AddSingleton<FaultInjection>();

        var app = builder.Build();
        foreach (var service in Services)
        {
            app.MapPost(service.Path, async (HttpContext http, SimulatorControl control, FaultInjection faults) =>
            {
                if (await faults.ProceedAsync(http))
                {
                    await SoapEndpoint.HandleAsync(http, service, control);
                }
            });
        }

        app.MapAdmin();
        return app;
    }
}
