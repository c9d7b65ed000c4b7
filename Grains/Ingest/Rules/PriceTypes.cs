namespace CatalogHub.Grains.Ingest.Rules;

/// <summary>Seed 002's price types and the variant metafields that flag them.</summary>
public static class PriceTypes
{
    public const string Regular = "R";
    public const string Sale = "S";
    public const string Clearance = "C";
    public const string ClearanceSale = "CS";

    public const string SaleFlag = "custom.sale_flag";
    public const string ClearanceFlag = "custom.clearance_flag";

    /// <summary>R, S, C or CS from any letter case (trimmed); anything else, or nothing, is R.</summary>
    public static string Normalize(string? type) => type?.Trim().ToUpperInvariant() switch
    {
        Sale => Sale,
        Clearance => Clearance,
        ClearanceSale => ClearanceSale,
        _ => Regular,
    };

    /// <summary>Whether <paramref name="type"/> (normalized) sets <c>custom.sale_flag</c>.</summary>
    public static bool IsSale(string type) => type is Sale or ClearanceSale;

    /// <summary>Whether <paramref name="type"/> (normalized) sets <c>custom.clearance_flag</c>.</summary>
    public static bool IsClearance(string type) => type is Clearance or ClearanceSale;
}
