using System.Globalization;

namespace CatalogHub.ShopifySimulator.Shop;

/// <summary>Shopify's global ids: <c>gid://shopify/{Type}/{number}</c>.</summary>
public static class ShopifyGid
{
    private const string Prefix = "gid://shopify/";

    public static string Product(long id) => Format("Product", id);

    public static string Variant(long id) => Format("ProductVariant", id);

    public static string InventoryItem(long id) => Format("InventoryItem", id);

    public static string Location(long id) => Format("Location", id);

    public static string Format(string type, long id) => $"{Prefix}{type}/{id.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The number of a gid of <paramref name="type"/>; false for anything else (another type, a query string, junk).</summary>
    public static bool TryParse(string? gid, string type, out long id)
    {
        id = 0;
        var prefix = Prefix + type + "/";
        return gid is not null
            && gid.StartsWith(prefix, StringComparison.Ordinal)
            && long.TryParse(gid.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out id)
            && id > 0;
    }
}
