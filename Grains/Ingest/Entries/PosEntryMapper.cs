using System.Globalization;
using System.Text.Json;
using CatalogHub.Grains.Catalog;

namespace CatalogHub.Grains.Ingest.Entries;

/// <summary>Seed 002's POSData (a POS entry's <c>data</c>, entry number <c>row</c>) as a one-variant product of a store's catalog.</summary>
public static class PosEntryMapper
{
    /// <summary>The store of a POS entry whose store number is empty.</summary>
    public const string DefaultStore = "9975";

    public const string DefaultVendor = "Unknown";

    /// <summary>The product type (<see cref="CanonicalProduct.Category"/>) of every POS product.</summary>
    public const string ProductType = "POS";

    /// <summary>The variant metafield that repeats <c>tax_code</c>.</summary>
    public const string TaxClassMetafield = "vertex.product_class";

    /// <summary>The title part of the handle when the entry has no usable title.</summary>
    private const string UntitledHandle = "pos-product";

    /// <summary>Maps <paramref name="data"/> to the POS product of store <paramref name="storeNumber"/>.</summary>
    public static EntryMapping<CanonicalProduct> Map(JsonElement data, string storeNumber, int row)
    {
        var reader = new EntryReader(data);
        var sku = SkuFormat.Normalize(reader.Required("sku"));
        var title = reader.Text("title");
        var store = string.IsNullOrWhiteSpace(storeNumber) ? DefaultStore : storeNumber.Trim();
        var taxCode = reader.Text("tax_code");
        var variant = new CanonicalVariant
        {
            Sku = sku,
            BasePrice = reader.CheckMoney("price", Price(reader)),
            CompareAtPrice = reader.Money("compare_at_price"),
            Cost = reader.Money("cost"),
            Barcode = Barcode(reader.String("barcode")),
            TaxCode = taxCode,
            Metafields = taxCode is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [TaxClassMetafield] = taxCode },
        };
        var product = new CanonicalProduct
        {
            ProductName = title ?? $"POS Product {row}",
            StoreNumber = store,
            Handle = Handle(title, store, sku),
            Brand = reader.Text("vendor") ?? DefaultVendor,
            Category = ProductType,
            Description = reader.String("description", int.MaxValue) is { } d && !string.IsNullOrWhiteSpace(d) ? d : null,
            Metafields = MetafieldMapper.Read(reader, "metafields"),
            Variants = [variant],
            PosOnly = true,
        };
        return reader.Error is { } error ? EntryMapping.Fail<CanonicalProduct>(error) : StoreProduct.Checked(product);
    }

    /// <summary>
    /// <c>{normalized-title}-{store_number}-{formatted_sku}</c>: the title normalized like a generated handle
    /// ("pos-product" when missing or without letters and digits, so the handle does not depend on the entry's row),
    /// the store number lowercased, the SKU as formatted (padded, letter case kept: distinct SKUs never share a handle).
    /// </summary>
    public static string Handle(string? title, string store, string sku)
    {
        var name = HandleFormat.Generate(title ?? "");
        return $"{(name.Length == 0 ? UntitledHandle : name)}-{store.ToLowerInvariant()}-{sku}";
    }

    /// <summary>
    /// The barcode without a trailing ".0" (a number that went through a spreadsheet); "" when what is left is not
    /// all digits; null when none was sent.
    /// </summary>
    public static string? Barcode(string? barcode)
    {
        if (barcode is null)
        {
            return null;
        }

        var code = barcode.Trim();
        if (code.EndsWith(".0", StringComparison.Ordinal))
        {
            code = code[..^2];
        }

        return code.Length > 0 && code.All(char.IsAsciiDigit) ? code : "";
    }

    /// <summary>
    /// The price: 0 when absent, null, blank or a text that is no number (seed 002: "0.0 if empty or parse error");
    /// a numeric text is read in the invariant culture. A boolean, object or array, or a number too large for a
    /// decimal, is a conversion error.
    /// </summary>
    private static decimal Price(EntryReader reader)
    {
        if (reader.TryGet("price", out var value) && value.ValueKind == JsonValueKind.String)
        {
            return decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0m;
        }

        return reader.Decimal("price") ?? 0m;
    }
}
