using System.Security.Cryptography;
using System.Text;
using CatalogHub.Grains.Catalog;

namespace CatalogHub.CatalogSeeder;

/// <summary>One generated product row with its variants, in the shapes the catalog store writes.</summary>
public sealed record ProductRow(
    Guid Id,
    ProductKey Key,
    Guid? SupplierId,
    string? StoreNumber,
    string? SupplierSku,
    string Name,
    string Brand,
    Category Category,
    string ProductType,
    string ImageUrl,
    string? Handle,
    string DetailsJson,
    IReadOnlyList<VariantRow> Variants,
    DateTimeOffset? ArchivedAt,
    DateTimeOffset? DiscontinuedAt,
    byte[] ContentHash)
{
    public decimal? PriceMin => Variants.Count == 0 ? null : Variants.Min(v => v.BasePrice);

    public decimal? PriceMax => Variants.Count == 0 ? null : Variants.Max(v => v.BasePrice);

    public long TotalInventory => Variants.Sum(v => v.Inventory);
}

/// <summary>One generated variant row.</summary>
public sealed record VariantRow(Guid Id, string Sku, int Position, string? Color, string Size, decimal BasePrice, long Inventory, string Warehouse, string PricesJson);

/// <summary>Generates the products of a <see cref="SyntheticCatalog"/>, product by product, deterministically.</summary>
public static class ProductRowGenerator
{
    private static readonly string[] PrintNouns = ["Banner", "Poster", "Sticker", "Flyer"];
    private static readonly string[] Warehouses = ["LAS", "ATL", "CHI", "NJ", "DAL"];

    public static ProductRow Create(SyntheticCatalog catalog, int index, int variantsPerProduct, DateTimeOffset now)
    {
        var rng = new Random(HashCode.Combine(catalog.Seed, index));
        var noun = SyntheticCatalog.Nouns[rng.Next(SyntheticCatalog.Nouns.Length)];
        var name = $"{SyntheticCatalog.Adjectives[rng.Next(SyntheticCatalog.Adjectives.Length)]} {SyntheticCatalog.Materials[rng.Next(SyntheticCatalog.Materials.Length)]} {noun}";
        var isStore = index % 10 == 9;
        var supplierIndex = rng.Next(catalog.Suppliers.Count);
        Guid? supplier = isStore ? null : catalog.Suppliers[supplierIndex];
        var store = isStore ? catalog.Stores[rng.Next(catalog.Stores.Count)] : null;
        var sku = isStore ? null : $"{(char)('A' + supplierIndex)}{(char)('A' + (supplierIndex * 7 % 26))}{index:D7}";
        var handle = isStore ? $"{name.ToLowerInvariant().Replace(' ', '-')}-{index}" : null;
        var key = new ProductKey(isStore ? ProductKey.StoreCatalog(store!) : ProductKey.SupplierCatalog(supplier!.Value), sku ?? handle!);
        var id = NameBasedGuid.Product(key.Catalog, key.Key);
        var isPrint = PrintNouns.Contains(noun);
        var basePrice = Math.Round(2m + (decimal)rng.NextDouble() * 58m, 2);
        var colorOffset = rng.Next(SyntheticCatalog.Colors.Length);
        var sizesPerColor = Math.Min(Math.Max(variantsPerProduct, 1), 5);
        var variants = new List<VariantRow>(variantsPerProduct);
        for (var j = 0; j < variantsPerProduct; j++)
        {
            var color = isPrint ? null : SyntheticCatalog.Colors[(colorOffset + j / sizesPerColor) % SyntheticCatalog.Colors.Length];
            var size = isPrint ? $"{12 * (j + 1)}x{18 * (j + 1)}" : SyntheticCatalog.Sizes[j % sizesPerColor];
            var price = basePrice + (j % sizesPerColor) * 0.5m;
            var variantSku = $"{key.Key}-{j:D3}";
            variants.Add(new VariantRow(
                NameBasedGuid.Variant(id, variantSku), variantSku, j, color, size, price, rng.Next(0, 5000),
                Warehouses[rng.Next(Warehouses.Length)],
                ProductContent.ToJson(new[]
                {
                    new TierPrice("Net", 1, 11, price),
                    new TierPrice("Net", 12, 143, Math.Round(price * 0.92m, 2)),
                    new TierPrice("MSRP", 1, null, Math.Round(price * 2m, 2)),
                })));
        }

        var imageUrl = $"https://cdn.example/{key.Key.ToLowerInvariant()}/front.jpg";
        var images = variants.Select(v => v.Color).Distinct().Take(3)
            .Select((c, i) => new ProductImage { Url = $"https://cdn.example/{key.Key.ToLowerInvariant()}/{i}.jpg", Color = c, ImageType = "front", SortOrder = i })
            .ToList();
        var details = ProductContent.ToJson(new StoredDetails(
            images,
            isPrint ? [new ProductOption { OptionKey = "finish", Title = "Finish", Attributes = [new OptionAttribute { Title = "Matte" }, new OptionAttribute { Title = "Gloss", SortOrder = 1, Price = 2m }] }] : [],
            isPrint ? null : new ApparelDetails(),
            isPrint ? new PrintDetails { MinWidth = 12, MaxWidth = 120, MinHeight = 12, MaxHeight = 60, SizeUnit = "in", BasePricePerSqUnit = 0.05m } : null,
            isPrint ? [new PrintSize(24, 36, "in", "2x3 ft")] : []));
        var roll = rng.Next(100);
        return new ProductRow(
            id, key, supplier, store, sku, name, catalog.Brands[rng.Next(catalog.Brands.Count)],
            catalog.Categories[rng.Next(catalog.Categories.Count)], isPrint ? "print" : "apparel", imageUrl, handle, details, variants,
            roll < 2 ? now.AddDays(-rng.Next(1, 365)) : null,
            roll is >= 2 and < 5 ? now.AddDays(-rng.Next(1, 365)) : null,
            SHA256.HashData(Encoding.UTF8.GetBytes($"{key}\n{catalog.Seed}")));
    }

    private sealed record StoredDetails(
        IReadOnlyList<ProductImage> Images,
        IReadOnlyList<ProductOption> Options,
        ApparelDetails? ApparelDetails,
        PrintDetails? PrintDetails,
        IReadOnlyList<PrintSize> Sizes);
}
