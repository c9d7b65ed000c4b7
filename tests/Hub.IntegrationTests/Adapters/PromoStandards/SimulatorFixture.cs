using System.Text.Json;
using CatalogHub.Grains.Adapters;
using CatalogHub.Grains.Adapters.PromoStandards;
using CatalogHub.SupplierSimulator;
using CatalogHub.SupplierSimulator.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace CatalogHub.IntegrationTests.Adapters.PromoStandards;

/// <summary>
/// A simulator shared by the tests of one class, which only read from it (no knobs, no advance), and the
/// adapter wired as the hub wires it (DI: registry, factory, named HttpClient with its time-out handler).
/// </summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public RunningSupplierSimulator Simulator { get; private set; } = null!;

    public CatalogState Catalog => Simulator.Control.Catalog;

    public async Task InitializeAsync() => Simulator = await SupplierSimulatorHost.StartAsync(new SimulatorOptions { Products = 300, Seed = 11 });

    public async Task DisposeAsync() => await Simulator.DisposeAsync();

    /// <summary>The first product (in catalog order) that satisfies <paramref name="predicate"/>.</summary>
    public SimProduct First(Func<SimProduct, bool> predicate) =>
        Enumerable.Range(0, Catalog.Catalog.Count).Select(Catalog.Product).First(predicate);
}

/// <summary>Builds adapters against a simulator through the registry, as a sync job will.</summary>
public static class Adapters
{
    private static readonly ServiceProvider Services = new ServiceCollection().AddLogging().AddPromoStandardsAdapter().BuildServiceProvider();

    /// <summary>Settings pointing at <paramref name="simulator"/>; <paramref name="extra"/> adds or overrides JSON members.</summary>
    public static JsonElement Settings(RunningSupplierSimulator simulator, string extra = "") => JsonDocument.Parse($$"""
        {
          "endpoints": {
            "product_data": "{{simulator.ProductDataUri}}", "pricing": "{{simulator.PricingUri}}",
            "media": "{{simulator.MediaUri}}", "inventory": "{{simulator.InventoryUri}}"
          },
          "timeout_seconds": 20{{(extra.Length == 0 ? "" : ", " + extra)}}
        }
        """).RootElement;

    public static ISupplierAdapter For(RunningSupplierSimulator simulator, string extra = "", string id = "demo", string? password = "demo-password") =>
        For(Settings(simulator, extra), id, password);

    public static ISupplierAdapter For(JsonElement settings, string id = "demo", string? password = "demo-password")
    {
        Assert.True(Services.GetRequiredService<SupplierAdapterRegistry>().TryGet("promostandards", out var factory));
        Assert.Empty(factory.Validate(settings));
        var credentials = new Dictionary<string, string> { ["id"] = id };
        if (password is not null)
        {
            credentials["password"] = password;
        }

        return factory.Create(new SupplierAdapterContext(Guid.NewGuid(), settings, credentials));
    }
}
