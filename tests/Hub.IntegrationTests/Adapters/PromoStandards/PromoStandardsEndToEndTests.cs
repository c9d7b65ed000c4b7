using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CatalogHub.Api.Auth;
using CatalogHub.SupplierSimulator;
using CatalogHub.SupplierSimulator.Catalog;

namespace CatalogHub.IntegrationTests.Adapters.PromoStandards;

/// <summary>
/// The whole path over real processes: two silo processes on one database, the simulator in this process,
/// the supplier created through the API with the <c>promostandards</c> adapter and a <c>full_sellable</c>
/// import that absorbs the simulator's transient faults with retries.
/// </summary>
public class PromoStandardsEndToEndTests
{
    private const int Products = 1000;
    private readonly string _adminKey = ApiKeySecret.Generate();

    private Dictionary<string, string?> Environment(string db)
    {
        var env = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Hub"] = db,
            ["Hub__ClusterId"] = $"e2e-{Guid.NewGuid():N}"[..20],
            ["Hub__BootstrapAdminKey"] = _adminKey,
            ["Hub__Reminders__MinimumPeriod"] = "00:00:01",
            ["Hub__SyncJobs__KeepAlivePeriod"] = "00:00:05",
            ["Hub__SyncJobs__CheckpointInterval"] = "00:00:00.100",
        };

        // A product takes several calls, each failing 5% of the time: ten quick retries make a product
        // that still fails after all of them (≈ 0.2^11) practically impossible.
        for (var i = 0; i < 10; i++)
        {
            env[$"Hub__SyncJobs__RetryDelays__{i}"] = "00:00:00.010";
        }

        return env;
    }

    [Fact]
    public async Task AFullSellableImportOverTwoSilosAbsorbsTransientFaultsAndListsEverySellableProduct()
    {
        await using var simulator = await SupplierSimulatorHost.StartAsync(new SimulatorOptions
        {
            Products = Products,
            Seed = 7,
            Knobs = new() { LatencyMinMs = 5, LatencyMaxMs = 15 },
        });
        var summary = CatalogSummary.Of(simulator.Control.Catalog);
        var sellable = summary.Products - summary.NotSellable.Count;

        var db = await (await TestPostgres.InstanceAsync()).CreateMigratedDatabaseAsync();
        await using var pair = await SiloPair.StartAsync(Environment(db), _adminKey);
        var (a, b, viaA, viaB) = pair;

        using var created = await viaA.PostAsJsonAsync("/api/suppliers", new
        {
            name = "Demo Supplier (simulated)",
            adapter = "promostandards",
            hydrate_concurrency = 8,
            adapter_config = new
            {
                endpoints = new
                {
                    product_data = simulator.ProductDataUri,
                    pricing = simulator.PricingUri,
                    media = simulator.MediaUri,
                    inventory = simulator.InventoryUri,
                },
                credentials = new { id = "demo", password = "demo-password" },
            },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var supplier = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var started = await viaB.PostAsJsonAsync($"/api/suppliers/{supplier}/import", new { mode = "full_sellable" });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var job = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync_job_id").GetGuid();

        // Discovery is one call the job does not retry (docs/suppliers.md): the faults start once it is done,
        // so they hit the hydration calls, which are retried.
        await HubClients.EventuallyAsync(
            () => viaA.GetFromJsonAsync<JsonElement>($"/api/sync-jobs/{job}"),
            j => j.GetProperty("total_products") is { ValueKind: JsonValueKind.Number } n && n.GetInt32() > 0 || j.GetProperty("status").GetString() is "success" or "partial_success" or "failed",
            TimeSpan.FromSeconds(60), "the job discovered its products");
        simulator.Control.Update(k => k with { FaultRate = 0.05 });

        var finished = await HubClients.EventuallyAsync(
            () => viaA.GetFromJsonAsync<JsonElement>($"/api/sync-jobs/{job}"),
            j => j.GetProperty("status").GetString() is "success" or "partial_success" or "failed",
            TimeSpan.FromSeconds(240), "the import finishes");

        Assert.True(finished.GetProperty("status").GetString() == "success", finished.ToString());
        Assert.Equal((sellable, sellable, 0), (finished.GetProperty("total_products").GetInt32(), finished.GetProperty("success_count").GetInt32(), finished.GetProperty("failed_count").GetInt32()));
        using var listed = await viaB.GetAsync($"/api/products?supplier_id={supplier}");
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(sellable.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(listed.Headers.GetValues("X-Total-Count")));
    }
}
