using System.Globalization;

namespace CatalogHub.Grains.Outbox.Shopify;

/// <summary>Shopify's global ids: <c>gid://shopify/{Type}/{number}</c>.</summary>
public static class ShopifyGid
{
    public static string Format(string type, long id) => $"gid://shopify/{type}/{id.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The number of a gid of <paramref name="type"/>; null for anything else (another type, a query string, garbage).</summary>
    public static long? Parse(string? gid, string type)
    {
        var prefix = $"gid://shopify/{type}/";
        return gid is not null && gid.StartsWith(prefix, StringComparison.Ordinal)
            && long.TryParse(gid.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : null;
    }
}
