namespace CatalogHub.Grains.Ingest.Entries;

/// <summary>Seed 002's SKU format: numeric SKUs are zero-padded on the left to 9 digits, so "18886985" and "018886985" are one SKU.</summary>
public static class SkuFormat
{
    public const int NumericLength = 9;

    /// <summary>
    /// <paramref name="sku"/> trimmed, and when it is all ASCII digits, padded to <see cref="NumericLength"/> digits
    /// (longer numbers are kept as they are).
    /// </summary>
    public static string Normalize(string sku)
    {
        var trimmed = sku.Trim();
        return trimmed.Length > 0 && trimmed.All(char.IsAsciiDigit) ? trimmed.PadLeft(NumericLength, '0') : trimmed;
    }
}
