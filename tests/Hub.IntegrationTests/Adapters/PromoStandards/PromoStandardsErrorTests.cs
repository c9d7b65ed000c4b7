using CatalogHub.Grains.Adapters;
using CatalogHub.Grains.Suppliers;
using CatalogHub.SupplierSimulator;
using CatalogHub.SupplierSimulator.Knobs;

namespace CatalogHub.IntegrationTests.Adapters.PromoStandards;

/// <summary>Each error mapping over real HTTP; every test has its own simulator, because they turn knobs.</summary>
public class PromoStandardsErrorTests
{
    private static readonly DiscoveryRequest Sellable = new(DiscoveryMode.FullSellable);

    private static Task<RunningSupplierSimulator> StartAsync(SimulatorKnobs? knobs = null) =>
        SupplierSimulatorHost.StartAsync(new SimulatorOptions { Products = 20, Seed = 3, Knobs = knobs ?? new SimulatorKnobs() });

    [Fact]
    public async Task AWrongPasswordIsAnAuthErrorInDiscoveryAndHydration()
    {
        await using var simulator = await StartAsync();
        var adapter = Adapters.For(simulator, password: "wrong-password");
        var discover = await Assert.ThrowsAsync<SupplierAuthException>(() => adapter.DiscoverAsync(Sellable, default));
        Assert.Equal("105", discover.Code);
        Assert.DoesNotContain("wrong-password", discover.Message, StringComparison.Ordinal);
        var hydrate = await Assert.ThrowsAsync<SupplierAuthException>(() => adapter.HydrateAsync(new ProductRef("SIM-000001"), default));
        Assert.Equal("105", hydrate.Code);
    }

    [Fact]
    public async Task AnUnknownAccountOrAMissingPasswordIsAnAuthError()
    {
        await using var simulator = await StartAsync();
        Assert.Equal("100", (await Assert.ThrowsAsync<SupplierAuthException>(() => Adapters.For(simulator, id: "nobody").DiscoverAsync(Sellable, default))).Code);
        Assert.Equal("110", (await Assert.ThrowsAsync<SupplierAuthException>(() => Adapters.For(simulator, password: null).DiscoverAsync(Sellable, default))).Code);
    }

    [Fact]
    public async Task TheAuthFailureKnobTurnsGoodCredentialsIntoAnAuthError()
    {
        await using var simulator = await StartAsync();
        var adapter = Adapters.For(simulator);
        Assert.NotEmpty(await adapter.DiscoverAsync(Sellable, default));
        simulator.Control.Update(k => k with { AuthFailure = true });
        Assert.Equal("105", (await Assert.ThrowsAsync<SupplierAuthException>(() => adapter.DiscoverAsync(Sellable, default))).Code);
        simulator.Control.Reset();
        Assert.NotEmpty(await adapter.DiscoverAsync(Sellable, default));
    }

    [Fact]
    public async Task Http500OnEveryCallIsTransient()
    {
        await using var simulator = await StartAsync(new SimulatorKnobs { FaultRate = 1 });
        var adapter = Adapters.For(simulator);
        Assert.Equal("http_500", (await Assert.ThrowsAsync<SupplierTransientException>(() => adapter.DiscoverAsync(Sellable, default))).Code);
        Assert.Equal("http_500", (await Assert.ThrowsAsync<SupplierTransientException>(() => adapter.HydrateAsync(new ProductRef("SIM-000001"), default))).Code);
    }

    [Fact]
    public async Task ASupplierThatHangsBeyondTheTimeoutIsTransient()
    {
        await using var simulator = await StartAsync(new SimulatorKnobs { FaultRate = 1, FaultKind = FaultKind.Hang, HangSeconds = 60 });
        var adapter = Adapters.For(simulator, "\"timeout_seconds\": 0.5");
        var error = await Assert.ThrowsAsync<SupplierTransientException>(() => adapter.HydrateAsync(new ProductRef("SIM-000001"), default));
        Assert.Equal("timeout", error.Code);
    }

    [Fact]
    public async Task TheRateLimitAnswers429WhichIsTransient()
    {
        await using var simulator = await StartAsync(new SimulatorKnobs { RateLimitPerSecond = 1 });
        var adapter = Adapters.For(simulator);
        SupplierTransientException? limited = null;
        for (var attempt = 0; attempt < 20 && limited is null; attempt++)
        {
            try
            {
                await adapter.DiscoverAsync(new DiscoveryRequest(DiscoveryMode.Closeouts), default);
            }
            catch (SupplierTransientException e)
            {
                limited = e;
            }
        }

        Assert.Equal("http_429", limited?.Code);
    }

    [Fact]
    public async Task AnUnknownProductIsRejectedWithGetProductsCode()
    {
        await using var simulator = await StartAsync();
        var error = await Assert.ThrowsAsync<SupplierRejectedException>(() => Adapters.For(simulator).HydrateAsync(new ProductRef("NO-SUCH-PRODUCT"), default));
        Assert.Equal("130", error.Code);
        Assert.StartsWith("getProduct: 130 Product Id not found", error.Message);
    }

    [Fact]
    public async Task ASupplierThatIsNotThereIsTransient()
    {
        var simulator = await StartAsync();
        var adapter = Adapters.For(simulator);
        await simulator.DisposeAsync();
        Assert.Equal("connection", (await Assert.ThrowsAsync<SupplierTransientException>(() => adapter.DiscoverAsync(Sellable, default))).Code);
    }

    [Fact]
    public async Task AnEndpointThatAnswersSomethingElseThanSoapIsRejected()
    {
        await using var simulator = await StartAsync();
        var settings = Adapters.Settings(simulator).GetRawText().Replace(simulator.ProductDataUri.ToString(), new Uri(simulator.BaseUri, "ppc").ToString(), StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<SupplierRejectedException>(() =>
            Adapters.For(System.Text.Json.JsonDocument.Parse(settings).RootElement).DiscoverAsync(Sellable, default));
        Assert.Contains("SOAP Fault", error.Message);
        Assert.Contains("Unknown operation GetProductSellableRequest", error.Message);
    }
}
