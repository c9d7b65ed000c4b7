using System.Text.Json;
using System.Text.RegularExpressions;
using CatalogHub.Grains.Catalog;

namespace CatalogHub.Grains.Imports.Feed;

/// <summary>
/// Turns one JSON item of a feed into a <see cref="FeedItem"/> for the import's type, or collects every error of it
/// (docs/feeds.md is the format, <c>docs/feed.schema.json</c> its schema). Pure: no database.
/// </summary>
public static partial class FeedItemMapper
{
    private static readonly string[] ProductFields = ["key", "name", "brand", "description", "product_type", "categories", "tags", "images", "attributes", "variants", "published"];
    private static readonly string[] VariantFields = ["sku", "color", "size", "price", "compare_at_price", "cost", "barcode", "stock", "image_url", "attributes"];
    private static readonly string[] ModificationFields = ["key", "sku", "set", "attributes"];
    private static readonly string[] SetFields = ["name", "brand", "description", "price", "compare_at_price", "cost", "stock", "barcode"];
    private static readonly string[] ProductSetFields = ["name", "brand", "description"];

    /// <summary>The item, or null when it has errors (added to <paramref name="errors"/>).</summary>
    public static FeedItem? Map(JsonElement element, int index, ImportType type, string catalog, List<FeedError> errors)
    {
        var path = $"$[{index}]";
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FeedError(path, "must be an object"));
            return null;
        }

        var before = errors.Count;
        var f = new FeedFields(element, path, errors);
        FeedItem? item = type switch
        {
            ImportType.Attributes => Modification(f, index),
            _ when f.Has("remove") => Removal(f, index, type),
            _ => Product(f, index, catalog),
        };
        return errors.Count == before ? item : null;
    }

    private static FeedRemoval? Removal(FeedFields f, int index, ImportType type)
    {
        if (type != ImportType.Partial)
        {
            f.Error("remove", "removals are for partial imports; a full import archives what it leaves out");
            return null;
        }

        f.RejectUnknown("remove");
        var key = f.Text("remove", required: true, max: FeedFields.MaxKey);
        return key is null ? null : new FeedRemoval(index, key);
    }

    private static FeedProduct? Product(FeedFields f, int index, string catalog)
    {
        f.RejectUnknown(ProductFields);
        var key = f.Text("key", required: true, max: FeedFields.MaxKey);
        var name = f.Text("name", required: true);
        var productType = f.Text("product_type");
        if (productType is not (null or "apparel" or "print"))
        {
            f.Error("product_type", "must be apparel or print");
        }

        var attributes = new List<FeedAttribute>();
        var metafields = Attributes(f, attributes);
        var categories = f.Texts("categories");
        if (categories.Count > 1)
        {
            metafields["feed.categories"] = string.Join(" | ", categories);
        }

        var images = f.Objects("images").Select((i, n) => Image(i, n)).ToList();
        var variants = new List<CanonicalVariant>();
        var skus = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in f.Objects("variants"))
        {
            if (Variant(v, attributes) is { } variant)
            {
                if (!skus.Add(variant.Sku))
                {
                    v.Error("sku", $"'{variant.Sku}' appears twice in this product");
                }

                variants.Add(variant);
            }
        }

        if (!f.Has("variants"))
        {
            f.Error("variants", "is required (a product entry is complete: every variant it has)");
        }

        var published = f.Bool("published");
        if (key is null || name is null)
        {
            return null;
        }

        var (storeNumber, supplierId) = CatalogOwner(catalog);
        var product = new CanonicalProduct
        {
            ProductName = name,
            ProductType = productType == "print" ? ProductType.Print : ProductType.Apparel,
            StoreNumber = storeNumber,
            SupplierId = supplierId,
            SupplierSku = supplierId is null ? null : key,
            Handle = storeNumber is null ? null : key,
            Brand = f.Text("brand"),
            Description = f.Text("description", max: 1 << 20),
            Category = categories.Count > 0 ? categories[0] : null,
            Tags = f.Texts("tags"),
            Metafields = metafields,
            Images = [.. images.OfType<ProductImage>()],
            ImageUrl = images.OfType<ProductImage>().FirstOrDefault()?.Url,
            Variants = variants,
            Published = published ?? true,
        };
        return new FeedProduct(index, key, product, attributes);
    }

    private static CanonicalVariant? Variant(FeedFields v, List<FeedAttribute> attributes)
    {
        v.RejectUnknown(VariantFields);
        var sku = v.Text("sku", required: true, max: ProductRules.MaxSkuLength);
        var color = v.Text("color");
        var size = v.Text("size");
        var imageUrl = v.Text("image_url");
        if (imageUrl is not null && !IsHttpUrl(imageUrl))
        {
            v.Error("image_url", "must be an absolute http(s) URL");
        }

        var options = new List<OptionValue>(2);
        if (color is not null)
        {
            options.Add(new OptionValue("Color", color));
        }

        if (size is not null)
        {
            options.Add(new OptionValue("Size", size));
        }

        var variant = new CanonicalVariant
        {
            Sku = sku ?? "",
            Color = color,
            Size = size,
            OptionValues = options,
            BasePrice = v.Money("price"),
            CompareAtPrice = v.Money("compare_at_price"),
            Cost = v.Money("cost"),
            Barcode = v.Text("barcode"),
            Inventory = v.Integer("stock") ?? 0,
            ImageUrl = imageUrl,
            Metafields = Attributes(v, attributes),
        };
        return sku is null ? null : variant;
    }

    private static ProductImage? Image(FeedFields i, int position)
    {
        i.RejectUnknown("url", "color");
        var url = i.Text("url", required: true);
        if (url is not null && !IsHttpUrl(url))
        {
            i.Error("url", "must be an absolute http(s) URL");
            return null;
        }

        return url is null ? null : new ProductImage { Url = url, Color = i.Text("color"), SortOrder = position };
    }

    private static FeedModification? Modification(FeedFields f, int index)
    {
        f.RejectUnknown(ModificationFields);
        var key = f.Text("key", required: true, max: FeedFields.MaxKey);
        var sku = f.Text("sku", max: ProductRules.MaxSkuLength);
        var attributes = new List<FeedAttribute>();
        Attributes(f, attributes, allowNull: true);
        var set = f.Object("set");
        var changes = new FeedChanges();
        if (set is not null)
        {
            set.RejectUnknown(SetFields);
            foreach (var name in set.Names().Where(n => sku is null ? !ProductSetFields.Contains(n) && SetFields.Contains(n) : ProductSetFields.Contains(n)))
            {
                set.Error(name, sku is null ? "is a variant field: name the variant's sku" : "is a product field: leave out sku");
            }

            changes = new FeedChanges
            {
                Name = set.Text("name"),
                Brand = set.Text("brand"),
                Description = set.Text("description", max: 1 << 20),
                Price = set.Money("price"),
                CompareAtPrice = set.Money("compare_at_price"),
                Cost = set.Money("cost"),
                Stock = set.Integer("stock"),
                Barcode = set.Text("barcode"),
            };
        }

        if (set is null && attributes.Count == 0 && !f.Has("attributes"))
        {
            f.Error("set", "a modification needs set or attributes");
        }

        return key is null ? null : new FeedModification(index, key, sku, changes, attributes);
    }

    /// <summary>Reads <c>attributes</c> into metafields (value by id) and adds each to <paramref name="all"/> for the id → name check.</summary>
    private static Dictionary<string, string> Attributes(FeedFields f, List<FeedAttribute> all, bool allowNull = false)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in f.Objects("attributes"))
        {
            a.RejectUnknown("id", "name", "value");
            var id = a.Text("id", required: true, max: 64);
            if (id is not null && !AttributeId().IsMatch(id))
            {
                a.Error("id", "must be 1 to 64 letters, digits, '_', '-' or '.'");
                id = null;
            }

            var name = a.Text("name", required: true, max: 255);
            var value = a.Text("value", required: !allowNull);
            if (id is null || name is null || (value is null && !allowNull))
            {
                continue;
            }

            if (!seen.Add(id))
            {
                a.Error("id", $"'{id}' appears twice here");
                continue;
            }

            all.Add(new FeedAttribute(id, name, value, a.Path));
            if (value is not null)
            {
                values[FeedAttribute.MetafieldPrefix + id] = value;
            }
        }

        return values;
    }

    /// <summary>The store number or the supplier id a catalog's products carry (<c>store:…</c>, <c>supplier:…</c>).</summary>
    public static (string? StoreNumber, Guid? SupplierId) CatalogOwner(string catalog) =>
        catalog.StartsWith("store:", StringComparison.Ordinal) ? (catalog["store:".Length..], null)
        : catalog.StartsWith("supplier:", StringComparison.Ordinal) && Guid.TryParse(catalog["supplier:".Length..], out var id) ? (null, id)
        : (null, null);

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex AttributeId();
}
