using System.Globalization;

namespace CatalogHub.Api.Products;

/// <summary>How the products API writes money: numbers without the database's trailing zeros, tier prices as strings.</summary>
public static class MoneyText
{
    /// <summary>Drops trailing zeros (numeric(18,4) reads 4.5800): 4.58 is written as 4.58.</summary>
    public static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;

    public static decimal? Normalize(decimal? value) => value is { } v ? Normalize(v) : null;

    /// <summary>A tier price as seed 004 writes it: a decimal string with at least two places ("4.58", "5.00", "4.5825").</summary>
    public static string TierPrice(decimal value)
    {
        var normalized = Normalize(value);
        return normalized.Scale < 2
            ? normalized.ToString("0.00", CultureInfo.InvariantCulture)
            : normalized.ToString(CultureInfo.InvariantCulture);
    }
}
