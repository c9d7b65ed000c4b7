namespace CatalogHub.Api.Products;

/// <summary>
/// One row of <c>GET /api/products</c>: seed 004's ProductListRead, field for field, plus the hub's
/// <c>number</c>, <c>store_number</c>, <c>handle</c> and <c>discontinued_at</c>. Aggregates are the ones
/// maintained at write time. <c>supplier_name</c> is the name of the product's supplier in <c>suppliers</c>; null
/// for a store product and for a supplier id the hub has no supplier for.
/// </summary>
public sealed record ProductListRead
{
    public required Guid Id { get; init; }
    public Guid? SupplierId { get; init; }
    public string? SupplierName { get; init; }
    public string? SupplierSku { get; init; }
    public required string ProductName { get; init; }
    public string? Brand { get; init; }
    public string? Category { get; init; }
    public Guid? CategoryId { get; init; }
    public required string ProductType { get; init; }
    public string? ImageUrl { get; init; }
    public string? OpsProductId { get; init; }
    public string? ExternalCatalogue { get; init; }
    public int VariantCount { get; init; }
    public decimal? PriceMin { get; init; }
    public decimal? PriceMax { get; init; }
    public long TotalInventory { get; init; }
    public DateTimeOffset? ArchivedAt { get; init; }
    public long Number { get; init; }
    public string? StoreNumber { get; init; }
    public string? Handle { get; init; }
    public DateTimeOffset? DiscontinuedAt { get; init; }
}
