namespace CatalogHub.Grains.Catalog;

/// <summary>A product as stored: its stamp, its canonical content and its variants' numbers (parallel to the variants).</summary>
public sealed record StoredProduct(ProductStamp Stamp, CanonicalProduct Product, IReadOnlyList<long> VariantNumbers)
{
    /// <summary>The number of the variant with <paramref name="sku"/>, or 0.</summary>
    public long VariantNumber(string sku)
    {
        for (var i = 0; i < Product.Variants.Count; i++)
        {
            if (Product.Variants[i].Sku == sku)
            {
                return VariantNumbers[i];
            }
        }

        return 0;
    }
}
