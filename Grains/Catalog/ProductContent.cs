using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CatalogHub.Grains.Catalog;

/// <summary>
/// A canonical product prepared for the store: normalized (money rounded to 4 places and trailing zeros
/// dropped, dictionaries and tags sorted), its content hash, its list aggregates and its ids. Pure: unit
/// tests reach it without a cluster.
/// </summary>
public sealed class ProductContent
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private ProductContent(ProductKey key, CanonicalProduct product)
    {
        Key = key;
        Product = product;
        ProductId = NameBasedGuid.Product(key.Catalog, key.Key);
        Hash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(product, Json)));
        var prices = product.Variants.Where(v => v.BasePrice is not null).Select(v => v.BasePrice!.Value).ToList();
        PriceMin = prices.Count == 0 ? null : prices.Min();
        PriceMax = prices.Count == 0 ? null : prices.Max();
        TotalInventory = product.Variants.Sum(v => v.Inventory);
    }

    public ProductKey Key { get; }

    /// <summary>The normalized product.</summary>
    public CanonicalProduct Product { get; }

    public Guid ProductId { get; }

    /// <summary>SHA-256 of the normalized product's JSON, lowercase hex.</summary>
    public string Hash { get; }

    public decimal? PriceMin { get; }

    public decimal? PriceMax { get; }

    public long TotalInventory { get; }

    public int VariantCount => Product.Variants.Count;

    /// <summary>Normalizes <paramref name="product"/>; throws <see cref="ProductValidationException"/> for content no catalog may hold.</summary>
    public static ProductContent Prepare(ProductKey key, CanonicalProduct product)
    {
        var problems = ProductRules.Check(product);
        if (problems.Count > 0)
        {
            throw new ProductValidationException(ProductValidationException.ProductField, problems);
        }

        return new ProductContent(key, Normalize(product));
    }

    /// <summary>The jsonb <c>details</c> column: the parts read whole with the product.</summary>
    public string DetailsJson() => JsonSerializer.Serialize(
        new ProductDetails(Product.Images, Product.Options, Product.ApparelDetails, Product.PrintDetails, Product.Sizes, Product.Published, Product.PosOnly), Json);

    /// <summary>The jsonb <c>data</c> column of a variant: its fields that no query filters on.</summary>
    public static string VariantDataJson(CanonicalVariant v) => JsonSerializer.Serialize(
        new VariantData(v.Taxable, v.RequiresShipping, v.InventoryPolicy, v.Weight, v.WeightUnit, v.ImageUrl, v.ImageAlt, v.PriceType, v.PriceHistory, v.Levels), Json);

    /// <summary>Puts the <c>details</c> column back onto <paramref name="product"/> (the inverse of <see cref="DetailsJson"/>).</summary>
    public static CanonicalProduct WithDetails(CanonicalProduct product, string detailsJson)
    {
        var d = JsonSerializer.Deserialize<ProductDetails>(detailsJson, Json);
        return d is null ? product : product with
        {
            Images = d.Images ?? [],
            Options = d.Options ?? [],
            ApparelDetails = d.ApparelDetails,
            PrintDetails = d.PrintDetails,
            Sizes = d.Sizes ?? [],
            Published = d.Published ?? true,
            PosOnly = d.PosOnly ?? false,
        };
    }

    /// <summary>Puts a variant's <c>data</c> column back onto <paramref name="variant"/> (the inverse of <see cref="VariantDataJson"/>).</summary>
    public static CanonicalVariant WithData(CanonicalVariant variant, string dataJson)
    {
        var d = JsonSerializer.Deserialize<VariantData>(dataJson, Json);
        return d is null ? variant : variant with
        {
            Taxable = d.Taxable ?? true,
            RequiresShipping = d.RequiresShipping ?? true,
            InventoryPolicy = d.InventoryPolicy ?? "deny",
            Weight = d.Weight,
            WeightUnit = d.WeightUnit ?? "g",
            ImageUrl = d.ImageUrl,
            ImageAlt = d.ImageAlt,
            PriceType = d.PriceType,
            PriceHistory = d.PriceHistory ?? [],
            Levels = d.Levels ?? [],
        };
    }

    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);

    private static CanonicalProduct Normalize(CanonicalProduct p) => p with
    {
        DiscontinuedAt = Microseconds(p.DiscontinuedAt),
        Tags = [.. p.Tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        Metafields = Sorted(p.Metafields),
        Variants = [.. p.Variants.Select(v => v with
        {
            BasePrice = Money(v.BasePrice),
            CompareAtPrice = Money(v.CompareAtPrice),
            Cost = Money(v.Cost),
            Metafields = Sorted(v.Metafields),
            Prices = [.. v.Prices.Select(t => t with { Price = Money(t.Price)!.Value })],
            Weight = Money(v.Weight),
            Levels = [.. v.Levels.OrderBy(l => l.Location, StringComparer.Ordinal)],
            Inventory = v.Levels.Count > 0 ? v.Levels.Sum(l => l.Available) : v.Inventory,
            Incoming = v.Levels.Count > 0 ? v.Levels.Sum(l => l.Incoming) : v.Incoming,
            PriceHistory = [.. v.PriceHistory.Select(h => h with { OldPrice = Money(h.OldPrice), NewPrice = Money(h.NewPrice)!.Value })],
        })],
        Options = [.. p.Options.Select(o => o with
        {
            Attributes = [.. o.Attributes.Select(a => a with { Price = Money(a.Price), SetupCost = Money(a.SetupCost), Multiplier = Money(a.Multiplier) })],
        })],
        PrintDetails = p.PrintDetails is null ? null : p.PrintDetails with
        {
            MinWidth = Money(p.PrintDetails.MinWidth),
            MaxWidth = Money(p.PrintDetails.MaxWidth),
            MinHeight = Money(p.PrintDetails.MinHeight),
            MaxHeight = Money(p.PrintDetails.MaxHeight),
            BasePricePerSqUnit = Money(p.PrintDetails.BasePricePerSqUnit),
        },
        Sizes = [.. p.Sizes.Select(s => s with { Width = Money(s.Width)!.Value, Height = Money(s.Height)!.Value })],
    };

    /// <summary>Rounds to the 4 places the database keeps and drops trailing zeros, so 4.5 and 4.50 hash alike.</summary>
    public static decimal? Money(decimal? value) =>
        value is { } v ? Math.Round(v, 4, MidpointRounding.AwayFromZero) / 1.0000000000000000000000000000m : null;

    /// <summary>timestamptz keeps microseconds: a time read back from the database must hash as it was written.</summary>
    private static DateTimeOffset? Microseconds(DateTimeOffset? at) =>
        at is { } t ? new DateTimeOffset(t.UtcTicks - (t.UtcTicks % 10), TimeSpan.Zero) : null;

    private static SortedDictionary<string, string> Sorted(IReadOnlyDictionary<string, string> map) => new(
        map.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal), StringComparer.Ordinal);

    private sealed record ProductDetails(
        IReadOnlyList<ProductImage>? Images,
        IReadOnlyList<ProductOption>? Options,
        ApparelDetails? ApparelDetails,
        PrintDetails? PrintDetails,
        IReadOnlyList<PrintSize>? Sizes,
        bool? Published,
        bool? PosOnly);

    private sealed record VariantData(
        bool? Taxable,
        bool? RequiresShipping,
        string? InventoryPolicy,
        decimal? Weight,
        string? WeightUnit,
        string? ImageUrl,
        string? ImageAlt,
        string? PriceType,
        IReadOnlyList<PriceChange>? PriceHistory,
        IReadOnlyList<InventoryLevel>? Levels);
}
