namespace CatalogHub.Grains.Suppliers;

/// <summary>
/// A lightweight reference to one supplier product, as discovery returns it (seed 000): the supplier's SKU
/// (PromoStandards productId) and, where the supplier lists parts, one part id.
/// </summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Suppliers.ProductRef")]
public sealed record ProductRef([property: Id(0)] string SupplierSku, [property: Id(1)] string? PartId = null);
