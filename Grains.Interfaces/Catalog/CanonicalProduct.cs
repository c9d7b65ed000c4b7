namespace CatalogHub.Grains.Catalog;

/// <summary>
/// One product as every source (supplier sync, ingestion API, feed import) hands it to the catalog: the
/// complete desired state. Fields follow seed 004's ProductRead; money is <see cref="decimal"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Catalog.CanonicalProduct")]
public sealed record CanonicalProduct
{
    [Id(0)] public required string ProductName { get; init; }
    [Id(1)] public ProductType ProductType { get; init; } = ProductType.Apparel;
    [Id(2)] public Guid? SupplierId { get; init; }
    [Id(3)] public string? StoreNumber { get; init; }
    [Id(4)] public string? SupplierSku { get; init; }
    [Id(5)] public string? Brand { get; init; }
    [Id(6)] public string? Category { get; init; }
    [Id(7)] public Guid? CategoryId { get; init; }
    [Id(8)] public string? Description { get; init; }
    [Id(9)] public string? ImageUrl { get; init; }
    [Id(10)] public string? OpsProductId { get; init; }
    [Id(11)] public string? ExternalCatalogue { get; init; }
    [Id(12)] public string? Handle { get; init; }
    [Id(13)] public IReadOnlyList<string> Tags { get; init; } = [];
    [Id(14)] public IReadOnlyDictionary<string, string> Metafields { get; init; } = new Dictionary<string, string>();
    [Id(15)] public DateTimeOffset? DiscontinuedAt { get; init; }
    [Id(16)] public IReadOnlyList<CanonicalVariant> Variants { get; init; } = [];
    [Id(17)] public IReadOnlyList<ProductImage> Images { get; init; } = [];
    [Id(18)] public IReadOnlyList<ProductOption> Options { get; init; } = [];
    [Id(19)] public ApparelDetails? ApparelDetails { get; init; }
    [Id(20)] public PrintDetails? PrintDetails { get; init; }
    [Id(21)] public IReadOnlyList<PrintSize> Sizes { get; init; } = [];

    /// <summary>Visible in the storefront (seed 002's <c>published</c>; store catalogs).</summary>
    [Id(22)] public bool Published { get; init; } = true;

    /// <summary>A point-of-sale item (seed 002's POSOnly: one product, one variant).</summary>
    [Id(23)] public bool PosOnly { get; init; }
}

/// <summary>Apparel products have color × size variants; print products are configured by size and formula.</summary>
[GenerateSerializer, Alias("CatalogHub.Grains.Catalog.ProductType")]
public enum ProductType
{
    Apparel = 0,
    Print = 1,
}

/// <summary>One sellable variant, keyed by SKU within its product.</summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Catalog.CanonicalVariant")]
public sealed record CanonicalVariant
{
    [Id(0)] public required string Sku { get; init; }
    [Id(1)] public string? Color { get; init; }
    [Id(2)] public string? Size { get; init; }
    [Id(3)] public IReadOnlyList<OptionValue> OptionValues { get; init; } = [];
    [Id(4)] public decimal? BasePrice { get; init; }
    [Id(5)] public decimal? CompareAtPrice { get; init; }
    [Id(6)] public decimal? Cost { get; init; }
    [Id(7)] public string? Barcode { get; init; }
    [Id(8)] public long Inventory { get; init; }
    [Id(9)] public long Incoming { get; init; }
    [Id(10)] public string? Warehouse { get; init; }
    [Id(11)] public IReadOnlyDictionary<string, string> Metafields { get; init; } = new Dictionary<string, string>();
    [Id(12)] public IReadOnlyList<TierPrice> Prices { get; init; } = [];

    /// <summary>Tax code for tax services (seed 002's <c>tax_code</c>).</summary>
    [Id(13)] public string? TaxCode { get; init; }

    [Id(14)] public bool Taxable { get; init; } = true;

    [Id(15)] public bool RequiresShipping { get; init; } = true;

    /// <summary><c>deny</c> or <c>continue</c> selling at zero inventory.</summary>
    [Id(16)] public string InventoryPolicy { get; init; } = "deny";

    [Id(17)] public decimal? Weight { get; init; }

    /// <summary><c>g</c>, <c>kg</c>, <c>lb</c> or <c>oz</c>.</summary>
    [Id(18)] public string WeightUnit { get; init; } = "g";

    [Id(19)] public string? ImageUrl { get; init; }

    [Id(20)] public string? ImageAlt { get; init; }

    /// <summary>The price type of <see cref="BasePrice"/> (seed 002: R, S, C or CS); null when never priced by type.</summary>
    [Id(21)] public string? PriceType { get; init; }

    /// <summary>Every change of <see cref="BasePrice"/> by the ingestion API, oldest first.</summary>
    [Id(22)] public IReadOnlyList<PriceChange> PriceHistory { get; init; } = [];

    /// <summary>Inventory per store location; when any, <see cref="Inventory"/> and <see cref="Incoming"/> are their sums.</summary>
    [Id(23)] public IReadOnlyList<InventoryLevel> Levels { get; init; } = [];
}

/// <summary>One price change of a variant: from, to, the new price type and when.</summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Catalog.PriceChange")]
public sealed record PriceChange(
    [property: Id(0)] decimal? OldPrice,
    [property: Id(1)] decimal NewPrice,
    [property: Id(2)] string PriceType,
    [property: Id(3)] DateTimeOffset At);

/// <summary>A variant's quantities at one location of its store (seed 002: on_hand → available, on_order → incoming).</summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Catalog.InventoryLevel")]
public sealed record InventoryLevel(
    [property: Id(0)] string Location,
    [property: Id(1)] long Available,
    [property: Id(2)] long Incoming);

/// <summary>One of up to three option dimensions of a variant (e.g. Color = Navy).</summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Catalog.OptionValue")]
public sealed record OptionValue([property: Id(0)] string Name, [property: Id(1)] string Value);

/// <summary>A quantity-tiered price (seed 004: price_type, quantity_min, quantity_max, price).</summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Catalog.TierPrice")]
public sealed record TierPrice(
    [property: Id(0)] string PriceType,
    [property: Id(1)] int QuantityMin,
    [property: Id(2)] int? QuantityMax,
    [property: Id(3)] decimal Price);

/// <summary>An image, optionally of one color.</summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Catalog.ProductImage")]
public sealed record ProductImage
{
    [Id(0)] public required string Url { get; init; }
    [Id(1)] public string? SupplierImageUrl { get; init; }
    [Id(2)] public string? ImageType { get; init; }
    [Id(3)] public string? Color { get; init; }
    [Id(4)] public int SortOrder { get; init; }
    [Id(5)] public string? Checksum { get; init; }
}

/// <summary>A configurable option (e.g. imprint location) with its attributes.</summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Catalog.ProductOption")]
public sealed record ProductOption
{
    [Id(0)] public required string OptionKey { get; init; }
    [Id(1)] public required string Title { get; init; }
    [Id(2)] public string OptionsType { get; init; } = "select";
    [Id(3)] public int SortOrder { get; init; }
    [Id(4)] public bool Required { get; init; }
    [Id(5)] public IReadOnlyList<OptionAttribute> Attributes { get; init; } = [];
}

/// <summary>One choice of a <see cref="ProductOption"/>.</summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Catalog.OptionAttribute")]
public sealed record OptionAttribute
{
    [Id(0)] public required string Title { get; init; }
    [Id(1)] public int SortOrder { get; init; }
    [Id(2)] public string? AttributeKey { get; init; }
    [Id(3)] public decimal? Price { get; init; }
    [Id(4)] public decimal? SetupCost { get; init; }
    [Id(5)] public decimal? Multiplier { get; init; }
}

/// <summary>Apparel specifics (seed 004: pricing_method "tiered_variant").</summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Catalog.ApparelDetails")]
public sealed record ApparelDetails([property: Id(0)] string PricingMethod = "tiered_variant");

/// <summary>Print specifics (seed 004: pricing_method "formula", dimension bounds, unit price).</summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Catalog.PrintDetails")]
public sealed record PrintDetails
{
    [Id(0)] public string PricingMethod { get; init; } = "formula";
    [Id(1)] public decimal? MinWidth { get; init; }
    [Id(2)] public decimal? MaxWidth { get; init; }
    [Id(3)] public decimal? MinHeight { get; init; }
    [Id(4)] public decimal? MaxHeight { get; init; }
    [Id(5)] public string? SizeUnit { get; init; }
    [Id(6)] public decimal? BasePricePerSqUnit { get; init; }
}

/// <summary>A preset print size.</summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Catalog.PrintSize")]
public sealed record PrintSize(
    [property: Id(0)] decimal Width,
    [property: Id(1)] decimal Height,
    [property: Id(2)] string Unit,
    [property: Id(3)] string? Label);
