using System.Net;

namespace CatalogHub.IntegrationTests.Ingest;

/// <summary>
/// A hub with the stores the contract's examples name: <c>9975</c> (the store number example, POS's default) and
/// <c>STORE-101</c> with the location <c>Main Warehouse</c> and a product whose variants are <c>CBS-S-BLU</c> and
/// <c>CBS-M-BLU</c> (the inventory and price examples).
/// </summary>
public sealed class ContractHub : TestHub
{
    public const string Store = "9975";
    public const string ExampleStore = "STORE-101";

    private readonly Lazy<Task> _seeded;

    public ContractHub() => _seeded = new(SeedAsync);

    public Task SeededAsync() => _seeded.Value;

    private async Task SeedAsync()
    {
        await IngestTestData.CreateStoreAsync(ConnectionString, Store);
        await IngestTestData.CreateStoreAsync(ConnectionString, ExampleStore, true, ("Main Warehouse", true));
        var shirt = new
        {
            handle = "classic-blue-shirt",
            title = "Classic Blue Shirt",
            variants = new[]
            {
                new { sku = "CBS-S-BLU", price = 49.99m, option1_name = "Size", option1_value = "Small", option2_name = "Color", option2_value = "Blue" },
                new { sku = "CBS-M-BLU", price = 49.99m, option1_name = "Size", option1_value = "Medium", option2_name = "Color", option2_value = "Blue" },
            },
        };
        using var response = await Client().PostBodyAsync($"/api/v1/ingest/products/{ExampleStore}", IngestTestData.Body([("classic-blue-shirt", shirt)]));
        await response.MatchesSpecAsync(HttpStatusCode.OK);
    }
}
