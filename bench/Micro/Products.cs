using CatalogHub.Grains.Catalog;

namespace CatalogHub.Bench.Micro;

/// <summary>Realistic products for the micro-benchmarks.</summary>
internal static class Products
{
    private static readonly string[] Colors = ["Black", "Navy", "White", "Heather Grey", "Red", "Royal", "Forest", "Maroon", "Gold", "Purple"];
    private static readonly string[] Sizes = ["XS", "S", "M", "L", "XL", "2XL"];

    public static CanonicalProduct Apparel(int variants) => new()
    {
        ProductName = "Core Cotton Tee",
        SupplierSku = "PC61",
        Brand = "Port & Company",
        Category = "T-Shirts",
        Description = "A 5.4-ounce, 100% cotton tee with a classic fit.",
        ImageUrl = "https://img.example.com/PC61.jpg",
        ApparelDetails = new ApparelDetails(),
        Images = [.. Colors.Select((c, i) => new ProductImage { Url = $"https://img.example.com/PC61-{c}.jpg", Color = c, SortOrder = i })],
        Variants =
        [
            .. Enumerable.Range(0, variants).Select(i => new CanonicalVariant
            {
                Sku = $"PC61-{Colors[i / Sizes.Length % Colors.Length]}-{Sizes[i % Sizes.Length]}",
                Color = Colors[i / Sizes.Length % Colors.Length],
                Size = Sizes[i % Sizes.Length],
                BasePrice = 3.98m + i % 6,
                Inventory = 100 + i,
                Warehouse = "DAL",
                Prices =
                [
                    new TierPrice("List", 1, 11, 3.98m + i % 6),
                    new TierPrice("List", 12, 71, 3.48m + i % 6),
                    new TierPrice("List", 72, null, 2.98m + i % 6),
                ],
            }),
        ],
    };
}
