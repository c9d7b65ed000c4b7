using System.Buffers;
using System.Text.Json;
using CatalogHub.Grains.Catalog;
using CatalogHub.Grains.Ingest;
using CatalogHub.Grains.Ingest.Entries;
using CatalogHub.Grains.Ingest.Rules;

namespace CatalogHub.Bench.Scenarios.Ingest;

/// <summary>
/// The products entries every ingest case sends (seed 002's ProductData): entry <c>i</c> is an apparel product
/// with a handle, vendor, type, description, tags, two metafields and three size variants (SKU, price,
/// compare-at price, barcode, Size and Color options, weight; one image) — ≈ 900 bytes of JSON, so a batch of
/// 10,000 stays under the 10 MB payload limit. The raw baseline writes exactly what the hub makes of them.
/// </summary>
public static class IngestEntries
{
    public const int VariantsPerProduct = 3;

    private static readonly string[] Brands = ["Gildan", "Bella+Canvas", "Next Level", "Port & Company", "Hanes", "Comfort Colors", "Champion", "Carhartt"];
    private static readonly string[] Colors = ["Black", "Navy", "White", "Heather Grey", "Red", "Royal"];
    private static readonly string[] Sizes = ["S", "M", "L"];

    /// <summary>The request body of entries <c>start … start+count-1</c>: <c>{"entries": [{"entry_id", "data"}, …]}</c>.</summary>
    public static byte[] Body(int start, int count)
    {
        var buffer = new ArrayBufferWriter<byte>(count * 900);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("entries");
            for (var i = start; i < start + count; i++)
            {
                w.WriteStartObject();
                w.WriteString("entry_id", $"e{i}");
                w.WritePropertyName("data");
                WriteData(w, i);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// What the hub stores for entry <c>i</c> created in <paramref name="storeNumber"/>'s catalog: the entry mapped
    /// (<see cref="ProductEntryMapper"/>), applied to no product (<see cref="ProductCommandRules"/>: first prices
    /// in the history) and prepared — the rows the raw baseline writes are the rows ingestion writes.
    /// </summary>
    public static ProductContent Content(string storeNumber, int i, DateTimeOffset now)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            WriteData(w, i);
        }

        using var data = JsonDocument.Parse(buffer.WrittenMemory);
        var mapped = ProductEntryMapper.Map(data.RootElement, storeNumber);
        var product = mapped.Value ?? throw new InvalidOperationException($"Bench entry {i} does not map: {mapped.Error}");
        var applied = ProductCommandRules.Apply(null, new PutProduct { Row = 1, Product = product }, now);
        return ProductContent.Prepare(new ProductKey(ProductKey.StoreCatalog(storeNumber), product.Handle!), applied.Product
            ?? throw new InvalidOperationException($"Bench entry {i} does not apply: {applied.Error}"));
    }

    private static void WriteData(Utf8JsonWriter w, int i)
    {
        var brand = Brands[i % Brands.Length];
        var color = Colors[i % Colors.Length];
        var price = 4.50m + (i % 400) * 0.05m;
        var sku = $"BI{i:D7}";
        w.WriteStartObject();
        w.WriteString("handle", $"bench-tee-{i:D7}");
        w.WriteString("title", $"Bench {brand} tee {i}");
        w.WriteString("vendor", brand);
        w.WriteString("product_type", "T-Shirts");
        w.WriteString("description", $"Cotton tee number {i}, {color}.");
        w.WriteString("tags", $"bench, tee, {brand}");
        w.WriteStartObject("metafields");
        w.WriteString("custom.material", "cotton");
        w.WriteString("taxonomy.department", (i % 40).ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteEndObject();
        w.WriteStartArray("variants");
        for (var n = 0; n < Sizes.Length; n++)
        {
            w.WriteStartObject();
            w.WriteString("sku", $"{sku}-{Sizes[n]}");
            w.WriteNumber("price", price + n);
            w.WriteNumber("compare_at_price", price + n + 2);
            w.WriteString("barcode", $"{i:D9}{n}");
            w.WriteString("option1_name", "Size");
            w.WriteString("option1_value", Sizes[n]);
            w.WriteString("option2_name", "Color");
            w.WriteString("option2_value", color);
            w.WriteNumber("weight", 180 + 20 * n);
            if (n == 0)
            {
                // The sizes share the color's image (the product's one image).
                w.WriteString("variant_image", $"https://img.example.com/{sku}.jpg");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
