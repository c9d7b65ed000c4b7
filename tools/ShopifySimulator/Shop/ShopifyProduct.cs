namespace CatalogHub.ShopifySimulator.Shop;

/// <summary>A product as the simulated shop holds it (immutable: every mutation stores a new one).</summary>
public sealed record ShopifyProduct(
    long Id,
    string Title,
    string Handle,
    string Status,
    string? DescriptionHtml,
    string? Vendor,
    string? ProductType,
    IReadOnlyList<string> Tags,
    IReadOnlyList<ShopifyOption> Options,
    IReadOnlyList<ShopifyVariant> Variants)
{
    public string Gid => ShopifyGid.Product(Id);

    public ShopifyVariant? VariantBySku(string sku) => Variants.FirstOrDefault(v => v.Sku == sku);
}

/// <summary>A product option (at most three) and its values in order.</summary>
public sealed record ShopifyOption(string Name, IReadOnlyList<string> Values);

/// <summary>A variant with its inventory item; <see cref="Options"/> pairs option names with values in the product's option order.</summary>
public sealed record ShopifyVariant(
    long Id,
    long InventoryItemId,
    string? Sku,
    IReadOnlyList<KeyValuePair<string, string>> Options,
    decimal Price,
    decimal? CompareAtPrice,
    string? Barcode)
{
    public string Gid => ShopifyGid.Variant(Id);

    public string InventoryItemGid => ShopifyGid.InventoryItem(InventoryItemId);

    /// <summary>Shopify's variant title: the option values joined by " / ".</summary>
    public string Title => string.Join(" / ", Options.Select(o => o.Value));
}
