namespace CatalogHub.SupplierSimulator.Catalog;

/// <summary>Apparel parts carry a PromoStandards ApparelSize; print parts a Dimension instead.</summary>
public enum SimKind
{
    Apparel,
    Print,
}

public sealed record SimColor(string Code, string Name, string Standard, string Hex);

public sealed record SimWarehouse(string Id, string Name, string PostalCode, string Country);

public sealed record SimFobPoint(string Id, string City, string State, string PostalCode, string Country);

/// <summary>
/// What listing calls need of a product, drawn cheaply from its own random stream: id, kind, colors × sizes
/// (its parts), flags and its original modified date.
/// </summary>
public sealed record ProductShape(
    int Index,
    string ProductId,
    SimKind Kind,
    IReadOnlyList<SimColor> Colors,
    IReadOnlyList<string> Sizes,
    bool IsCloseout,
    bool IsSellable,
    bool HasMedia,
    DateTimeOffset BaseModified)
{
    /// <summary>Part ids, colors outer, sizes inner (e.g. <c>SIM-000001-BLK-M</c>).</summary>
    public IEnumerable<string> PartIds()
    {
        foreach (var color in Colors)
        {
            foreach (var size in Sizes)
            {
                yield return PartId(color, size);
            }
        }
    }

    public string PartId(SimColor color, string size) => $"{ProductId}-{color.Code}-{size}";
}

/// <summary>One part (variant): a color and a size.</summary>
public sealed record SimPart(
    string PartId,
    SimColor Color,
    string Size,
    decimal? Width,
    decimal? Height,
    IReadOnlyList<SimPrice> Prices,
    IReadOnlyList<SimStock> Stock,
    int IncomingQuantity,
    string Gtin);

/// <summary>A list-price quantity break.</summary>
public sealed record SimPrice(int MinQuantity, decimal Price);

/// <summary>Stock of one part in one warehouse.</summary>
public sealed record SimStock(SimWarehouse Warehouse, int Quantity);

/// <summary>An image: per color (with the first part of that color) or the product's primary image.</summary>
public sealed record SimImage(string Url, string? PartId, string? Color, int ClassTypeId, string ClassTypeName);

/// <summary>A decoration location offered by the supplier.</summary>
public sealed record SimLocation(string Name, string Method, int MaxColors);

/// <summary>The whole product at its current revision.</summary>
public sealed record SimProduct(
    ProductShape Shape,
    int Revision,
    string Name,
    string Brand,
    string Category,
    string SubCategory,
    IReadOnlyList<string> Descriptions,
    IReadOnlyList<SimPart> Parts,
    IReadOnlyList<SimImage> Images,
    IReadOnlyList<SimLocation> Locations,
    IReadOnlyList<SimFobPoint> FobPoints,
    DateTimeOffset Modified,
    DateTimeOffset Created)
{
    public string ProductId => Shape.ProductId;

    public SimKind Kind => Shape.Kind;

    public string? PrimaryImageUrl => Images.FirstOrDefault(i => i.ClassTypeId == 1006)?.Url;
}
