using System.Net.Http.Json;
using System.Text.Json;
using CatalogHub.Silo.Demo;
using CatalogHub.SupplierSimulator;
using CatalogHub.SupplierSimulator.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace CatalogHub.IntegrationTests.Demo;

/// <summary>The local-mode demo: the supplier it registers against the in-process simulator, and its switch.</summary>
public class DemoSupplierTests
{
    private static async Task<JsonElement[]> DemoSuppliersAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonElement>("/api/suppliers")).EnumerateArray()
            .Where(s => s.GetProperty("name").GetString() == DemoSupplierRegistration.Name)];

    [Fact]
    public async Task RegisteringOnEveryStartKeepsOneSupplierPointingAtTheLatestSimulatorAndItImports()
    {
        await using var hub = new TestHub();
        await hub.InitializeAsync();
        using var client = hub.Client();
        var options = new SimulatorOptions { Products = 40, Seed = 1 };
        var registration = ActivatorUtilities.CreateInstance<DemoSupplierRegistration>(hub.Services);

        Guid first;
        await using (var before = await SupplierSimulatorHost.StartAsync(options))
        {
            first = await registration.EnsureAsync(before, options);
        }

        // A restart: a new simulator on another port.
        await using var simulator = await SupplierSimulatorHost.StartAsync(options);
        var second = await registration.EnsureAsync(simulator, options);

        Assert.Equal(first, second);
        var demo = Assert.Single(await DemoSuppliersAsync(client));
        Assert.Equal("promostandards", demo.GetProperty("adapter").GetString());
        Assert.Contains(simulator.BaseUri.ToString().TrimEnd('/'), demo.GetProperty("adapter_config").ToString(), StringComparison.Ordinal);

        var started = await client.PostAsJsonAsync($"/api/suppliers/{second}/import", new { mode = "full_sellable" });
        var job = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync_job_id").GetGuid();
        var finished = await HubClients.EventuallyAsync(
            () => client.GetFromJsonAsync<JsonElement>($"/api/sync-jobs/{job}"),
            j => j.GetProperty("status").GetString() is "success" or "partial_success" or "failed", TimeSpan.FromSeconds(60), "the demo import finishes");
        Assert.True(finished.GetProperty("status").GetString() == "success", finished.ToString());
        var summary = CatalogSummary.Of(simulator.Control.Catalog);
        using var listed = await client.GetAsync($"/api/products?supplier_id={second}");
        Assert.Equal((summary.Products - summary.NotSellable.Count).ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(listed.Headers.GetValues("X-Total-Count")));
    }

    [Fact]
    public async Task TheSwitchStartsTheDemoOutsideLocalModeAndItIsOffThereByDefault()
    {
        await using (var off = new TestHub())
        {
            await off.InitializeAsync();
            using var client = off.Client();
            Assert.Empty(await DemoSuppliersAsync(client));
        }

        await using var on = new DemoOnTestHub();
        await on.InitializeAsync();
        using var viaOn = on.Client();
        Assert.Single(await DemoSuppliersAsync(viaOn));
    }

    private sealed class DemoOnTestHub : TestHub
    {
        protected override IEnumerable<string> Arguments => [$"--{DemoHosting.EnabledKey}=true"];
    }
}
