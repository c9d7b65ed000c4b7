namespace CatalogHub.Grains.Catalog;

/// <summary>
/// A product's address: its catalog (<c>supplier:{uuid}</c> or <c>store:{store_number}</c>) and its key
/// within the catalog (supplier SKU or handle). The grain key is <c>{catalog}/{key}</c>; catalogs never
/// contain '/', keys may.
/// </summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Catalog.ProductKey")]
public sealed record ProductKey([property: Id(0)] string Catalog, [property: Id(1)] string Key)
{
    public static string SupplierCatalog(Guid supplierId) => $"supplier:{supplierId:D}";

    public static string StoreCatalog(string storeNumber) => $"store:{storeNumber}";

    /// <summary>The grain key.</summary>
    public override string ToString() => $"{Catalog}/{Key}";

    /// <summary>Splits a grain key at its first '/'.</summary>
    public static ProductKey Parse(string grainKey)
    {
        var slash = grainKey.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == grainKey.Length - 1)
        {
            throw new ArgumentException($"'{grainKey}' is not a product grain key ({{catalog}}/{{key}}).", nameof(grainKey));
        }

        return new ProductKey(grainKey[..slash], grainKey[(slash + 1)..]);
    }
}
