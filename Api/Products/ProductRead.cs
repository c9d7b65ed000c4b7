namespace CatalogHub.Api.Products;

/// <summary>
/// <c>GET /api/products/{id}</c>: seed 004's ProductRead, field for field, plus the hub's <c>number</c>,
/// <c>version</c>, <c>store_number</c>, <c>handle</c>, <c>tags</c>, <c>metafields</c>, <c>discontinued_at</c>
/// and <c>updated_at</c>. Exactly one of <c>apparel_details</c> / <c>print_details</c> is set, by
/// <c>product_type</c>; <c>sizes</c> is empty for apparel.
/// </summary>
public sealed record ProductRead
{
    public required Guid Id { get; init; }
    public Guid? SupplierId { get; init; }
    public string? SupplierName { get; init; }
    public bool SupplierHasDecorationOverlay { get; init; }
    public string? SupplierSku { get; init; }
    public required string ProductName { get; init; }
    public string? Brand { get; init; }
    public string? Category { get; init; }
    public Guid? CategoryId { get; init; }
    public string? Description { get; init; }
    public required string ProductType { get; init; }
    public string? ImageUrl { get; init; }
    public string? OpsProductId { get; init; }
    public string? ExternalCatalogue { get; init; }
    public DateTimeOffset? LastSynced { get; init; }
    public DateTimeOffset? ArchivedAt { get; init; }
    public IReadOnlyList<VariantRead> Variants { get; init; } = [];
    public IReadOnlyList<ImageRead> Images { get; init; } = [];
    public IReadOnlyDictionary<string, IReadOnlyList<ImageRead>> ImagesByColor { get; init; } = new Dictionary<string, IReadOnlyList<ImageRead>>();
    public IReadOnlyList<OptionRead> Options { get; init; } = [];
    public ApparelDetailsRead? ApparelDetails { get; init; }
    public PrintDetailsRead? PrintDetails { get; init; }
    public IReadOnlyList<PrintSizeRead> Sizes { get; init; } = [];
    public long Number { get; init; }
    public int Version { get; init; }
    public string? StoreNumber { get; init; }
    public string? Handle { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyDictionary<string, string> Metafields { get; init; } = new Dictionary<string, string>();
    public DateTimeOffset? DiscontinuedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A variant with its tiered prices; <c>base_price</c> is a number, a tier's <c>price</c> a string (seed 004).</summary>
public sealed record VariantRead
{
    public required Guid Id { get; init; }
    public string? Color { get; init; }
    public string? Size { get; init; }
    public required string Sku { get; init; }
    public decimal? BasePrice { get; init; }
    public long Inventory { get; init; }
    public string? Warehouse { get; init; }
    public IReadOnlyList<TierPriceRead> Prices { get; init; } = [];
    public long Number { get; init; }
    public IReadOnlyList<OptionValueRead> OptionValues { get; init; } = [];
    public decimal? CompareAtPrice { get; init; }
    public decimal? Cost { get; init; }
    public string? Barcode { get; init; }
    public long Incoming { get; init; }
    public IReadOnlyDictionary<string, string> Metafields { get; init; } = new Dictionary<string, string>();
}

/// <summary>A quantity tier; <c>price</c> is a decimal string with at least two places (<c>"4.58"</c>), as in seed 004.</summary>
public sealed record TierPriceRead(string PriceType, int QuantityMin, int? QuantityMax, string Price);

/// <summary>One of a variant's up to three option values.</summary>
public sealed record OptionValueRead(string Name, string Value);

/// <summary>A product image (seed 004's ProductImageRead); the id is derived from the product, position and URL.</summary>
public sealed record ImageRead(Guid Id, string Url, string? SupplierImageUrl, string? ImageType, string? Color, int SortOrder, string? Checksum);

/// <summary>A configurable option with its attributes; <c>master_*</c> and <c>ops_*</c> ids are null until the hub maps them.</summary>
public sealed record OptionRead(
    Guid Id,
    string OptionKey,
    string Title,
    string OptionsType,
    int SortOrder,
    Guid? MasterOptionId,
    string? OpsOptionId,
    bool Required,
    IReadOnlyList<OptionAttributeRead> Attributes);

/// <summary>One choice of an option.</summary>
public sealed record OptionAttributeRead(
    Guid Id,
    string Title,
    int SortOrder,
    string? OpsAttributeId,
    Guid? MasterAttributeId,
    string? AttributeKey,
    decimal? Price,
    decimal? SetupCost,
    decimal? Multiplier);

/// <summary>Apparel specifics: <c>pricing_method</c> is <c>tiered_variant</c>.</summary>
public sealed record ApparelDetailsRead(string PricingMethod, object? RawPayload);

/// <summary>Print specifics: <c>pricing_method</c> is <c>formula</c>, with dimension bounds and unit price.</summary>
public sealed record PrintDetailsRead(
    string PricingMethod,
    decimal? MinWidth,
    decimal? MaxWidth,
    decimal? MinHeight,
    decimal? MaxHeight,
    string? SizeUnit,
    decimal? BasePricePerSqUnit);

/// <summary>A preset print size.</summary>
public sealed record PrintSizeRead(decimal Width, decimal Height, string Unit, string? Label);
