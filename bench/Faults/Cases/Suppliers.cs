using CatalogHub.SupplierSimulator;

namespace CatalogHub.Bench.Faults.Cases;

/// <summary>PromoStandards suppliers over the supplier simulator (tools/SupplierSimulator), created through the API.</summary>
public static class Suppliers
{
    public static async Task<Guid> CreateAsync(HttpClient admin, RunningSupplierSimulator simulator, string name, int concurrency)
    {
        var answer = await admin.PostJsonAsync("/api/suppliers", new
        {
            name = $"Faults {name} {Guid.NewGuid():N}"[..30],
            adapter = "promostandards",
            adapter_config = new
            {
                endpoints = new
                {
                    product_data = simulator.ProductDataUri.ToString(),
                    pricing = simulator.PricingUri.ToString(),
                    media = simulator.MediaUri.ToString(),
                    inventory = simulator.InventoryUri.ToString(),
                },
                credentials = new { id = "demo", password = "demo-password" },
            },
            hydrate_concurrency = concurrency,
        });
        return answer.Code == 201 && answer.Body.TryGetProperty("id", out var id) ? id.GetGuid() : throw new InvalidOperationException($"supplier not created: {answer}");
    }
}
