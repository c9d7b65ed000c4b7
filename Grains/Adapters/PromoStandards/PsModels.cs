namespace CatalogHub.Grains.Adapters.PromoStandards;

/// <summary>The parts of a getProduct reply the catalog uses.</summary>
public sealed record PsProduct(
    string ProductId,
    string ProductName,
    IReadOnlyList<string> Descriptions,
    string? Brand,
    string? Category,
    string? PrimaryImageUrl,
    IReadOnlyList<PsPart> Parts,
    IReadOnlyList<PsDecorationLocation> Locations,
    IReadOnlyList<string> FobIds,
    bool IsCloseout);

/// <summary>One ProductPart: a variant.</summary>
public sealed record PsPart(
    string PartId,
    string? ColorName,
    string? LabelSize,
    string? CustomSize,
    PsDimension? Dimension,
    string? Gtin);

/// <summary>A part's Dimension (print products).</summary>
public sealed record PsDimension(string? Uom, decimal? Width, decimal? Height);

/// <summary>A LocationDecoration: where and how the supplier decorates.</summary>
public sealed record PsDecorationLocation(string Name, string? DecorationName);

/// <summary>A quantity break of a PPC PartPrice.</summary>
public sealed record PsPriceBreak(int MinQuantity, decimal Price);

/// <summary>One MediaContent image.</summary>
public sealed record PsMedia(string Url, string? PartId, string? Color, IReadOnlyList<PsClassType> ClassTypes);

/// <summary>A Media classType (1006 Primary, 1007 Front, …).</summary>
public sealed record PsClassType(int Id, string? Name);

/// <summary>One PartInventory: stock in total and per location, and what is on its way.</summary>
public sealed record PsPartInventory(string PartId, bool MainPart, long? QuantityAvailable, IReadOnlyList<PsLocationStock> Locations, long Incoming);

/// <summary>Stock of a part at one inventory location.</summary>
public sealed record PsLocationStock(string LocationId, long Quantity);

/// <summary>A ServiceMessage / ErrorMessage / errorMessage of any service.</summary>
public sealed record PsMessage(string? Code, string Description, string? Severity)
{
    /// <summary>PPC and Media messages carry no severity: they are errors.</summary>
    public bool IsError => Severity is null || string.Equals(Severity, "Error", StringComparison.OrdinalIgnoreCase);
}
