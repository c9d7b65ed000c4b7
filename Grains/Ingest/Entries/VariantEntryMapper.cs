using System.Text.Json;
using CatalogHub.Grains.Catalog;

namespace CatalogHub.Grains.Ingest.Entries;

/// <summary>Seed 002's VariantData (one element of a products entry's <c>variants</c>) as a canonical variant.</summary>
public static class VariantEntryMapper
{
    public const int MaxOptions = 3;

    private static readonly string[] WeightUnits = ["g", "kg", "lb", "oz"];
    private static readonly string[] InventoryPolicies = ["deny", "continue"];

    /// <summary>Maps the variant at 1-based <paramref name="position"/>; messages of its errors name that position.</summary>
    public static EntryMapping<CanonicalVariant> Map(JsonElement data, int position)
    {
        var reader = new EntryReader(data, $"variants[{position}]", "variants");
        var sku = reader.Required("sku");
        var variant = new CanonicalVariant
        {
            Sku = SkuFormat.Normalize(sku),
            BasePrice = reader.Money("price") ?? 0m,
            CompareAtPrice = reader.Money("compare_at_price"),
            Cost = reader.Money("cost"),
            Barcode = reader.Text("barcode"),
            Weight = reader.Money("weight"),
            WeightUnit = OneOf(reader, "weight_unit", WeightUnits) ?? "g",
            InventoryPolicy = OneOf(reader, "inventory_policy", InventoryPolicies) ?? "deny",
            Taxable = reader.Boolean("taxable") ?? true,
            RequiresShipping = reader.Boolean("requires_shipping") ?? true,
            TaxCode = reader.Text("tax_code"),
            ImageUrl = ImageUrl(reader),
            ImageAlt = reader.Text("variant_image_alt", 512),
            Metafields = MetafieldMapper.Read(reader, "variant_metafields"),
        };
        var options = Options(reader);
        if (reader.Error is { } error)
        {
            return EntryMapping.Fail<CanonicalVariant>(error);
        }

        return EntryMapping.Ok(variant with
        {
            OptionValues = options,
            Color = options.FirstOrDefault(o => o.Name.Equals("color", StringComparison.OrdinalIgnoreCase))?.Value,
            Size = options.FirstOrDefault(o => o.Name.Equals("size", StringComparison.OrdinalIgnoreCase))?.Value,
        });
    }

    /// <summary>
    /// option1..option3: each pair with both a name and a value (trimmed, not blank) is one option value, in order;
    /// a pair missing either half is left out. Two options of one variant may not share a name (case-insensitive).
    /// </summary>
    private static List<OptionValue> Options(EntryReader reader)
    {
        var options = new List<OptionValue>(MaxOptions);
        for (var i = 1; i <= MaxOptions; i++)
        {
            var name = reader.Text($"option{i}_name");
            var value = reader.Text($"option{i}_value");
            if (name is null || value is null)
            {
                continue;
            }

            if (options.Any(o => o.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                reader.Invalid($"option{i}_name", $"option name '{name}' is used twice");
            }

            options.Add(new OptionValue(name, value));
        }

        return options;
    }

    /// <summary>An enum-like text, matched case-insensitively and stored lowercase; another value is a validation error.</summary>
    private static string? OneOf(EntryReader reader, string field, string[] allowed)
    {
        var text = reader.Text(field)?.ToLowerInvariant();
        if (text is not null && !allowed.Contains(text, StringComparer.Ordinal))
        {
            reader.Invalid(field, $"{field} must be one of {string.Join(", ", allowed)}");
        }

        return text;
    }

    /// <summary><c>variant_image</c> must be an absolute http(s) URL (the contract's <c>format: uri</c>).</summary>
    private static string? ImageUrl(EntryReader reader)
    {
        var url = reader.Text("variant_image", int.MaxValue);
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            reader.Invalid("variant_image", "variant_image must be an absolute http or https URL");
        }

        return url;
    }
}
