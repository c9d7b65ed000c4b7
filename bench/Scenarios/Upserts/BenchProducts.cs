using CatalogHub.Grains.Catalog;

namespace CatalogHub.Bench.Scenarios.Upserts;

/// <summary>
/// The rows every upsert scenario writes: product <c>i</c> of a supplier catalog, an apparel product with
/// three size variants, two price tiers each and one image — the same content whichever path writes it.
/// <paramref name="round"/> changes price and stock (for streams that update rather than create).
/// </summary>
public static class BenchProducts
{
    public const int VariantsPerProduct = 3;

    private static readonly string[] Brands = ["Gildan", "Bella+Canvas", "Next Level", "Port & Company", "Hanes", "Comfort Colors", "Champion", "Carhartt"];
    private static readonly string[] Colors = ["Black", "Navy", "White", "Heather Grey", "Red", "Royal"];
    private static readonly string[] Sizes = ["S", "M", "L"];

    public static ProductKey Key(Guid supplierId, int i) => new(ProductKey.SupplierCatalog(supplierId), Sku(i));

    public static CanonicalProduct Create(Guid supplierId, int i, int round = 0)
    {
        var sku = Sku(i);
        var color = Colors[i % Colors.Length];
        var price = 4.50m + (i % 400) * 0.05m + round * 0.01m;
        return new CanonicalProduct
        {
            ProductName = $"Bench {Brands[i % Brands.Length]} tee {i}",
            ProductType = ProductType.Apparel,
            SupplierId = supplierId,
            SupplierSku = sku,
            Brand = Brands[i % Brands.Length],
            Category = "T-Shirts",
            Description = $"Cotton tee number {i}, {color}.",
            ImageUrl = $"https://img.example.com/{sku}.jpg",
            ApparelDetails = new ApparelDetails(),
            Images = [new ProductImage { Url = $"https://img.example.com/{sku}.jpg", Color = color, ImageType = "front", SortOrder = 0 }],
            Variants =
            [
                .. Sizes.Select((size, n) => new CanonicalVariant
                {
                    Sku = $"{sku}-{size}",
                    Color = color,
                    Size = size,
                    BasePrice = price + n,
                    Inventory = (i * 7 + n + round) % 1_000,
                    Warehouse = "DAL",
                    Prices =
                    [
                        new TierPrice("List", 1, 11, price + n),
                        new TierPrice("List", 12, null, price + n - 0.50m),
                    ],
                }),
            ],
        };
    }

    private static string Sku(int i) => $"BP{i:D7}";
}
