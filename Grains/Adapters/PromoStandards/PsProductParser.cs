using System.Xml.Linq;

namespace CatalogHub.Grains.Adapters.PromoStandards;

/// <summary>Reads a GetProductResponse (promostandards.md §4) into a <see cref="PsProduct"/>.</summary>
public static class PsProductParser
{
    private const string Operation = "getProduct";

    public static PsProduct Parse(XElement response)
    {
        var product = response.Child("Product") ?? throw PsErrors.Malformed(Operation, "no Product in the reply");
        var productId = product.ChildText("productId") ?? throw PsErrors.Malformed(Operation, "Product without productId");
        var name = product.ChildText("productName") ?? throw PsErrors.Malformed(Operation, "Product without productName");
        var category = product.Items("ProductCategoryArray", "ProductCategory").Select(c => c.ChildText("category")).FirstOrDefault(c => c is not null);
        var parts = product.Items("ProductPartArray", "ProductPart").Select(Part).OfType<PsPart>().ToList();
        var locations = product.Items("LocationDecorationArray", "LocationDecoration")
            .Select(l => l.ChildText("locationName") is { } location ? new PsDecorationLocation(location, l.ChildText("decorationName")) : null)
            .OfType<PsDecorationLocation>()
            .ToList();
        var fobIds = product.Items("FobPointArray", "FobPoint").Select(f => f.ChildText("fobId")).OfType<string>().ToList();
        return new PsProduct(
            productId,
            name,
            [.. product.Children("description").Select(d => d.Text()).OfType<string>()],
            product.ChildText("productBrand"),
            category,
            product.ChildText("primaryImageUrl"),
            parts,
            locations,
            fobIds,
            product.Bool("isCloseout", Operation) ?? false);
    }

    /// <summary>A ProductPart; null when it has no partId. Color: primaryColor, else the first of ColorArray.</summary>
    private static PsPart? Part(XElement part)
    {
        var partId = part.ChildText("partId");
        if (partId is null)
        {
            return null;
        }

        var color = part.Child("primaryColor").Child("Color") ?? part.Items("ColorArray", "Color").FirstOrDefault();
        var size = part.Child("ApparelSize");
        var dimension = part.Child("Dimension");
        return new PsPart(
            partId,
            color.ChildText("colorName") ?? color.ChildText("standardColorName"),
            size.ChildText("labelSize"),
            size.ChildText("customSize"),
            dimension is null ? null : new PsDimension(
                dimension.ChildText("dimensionUom"), dimension.Decimal("width", Operation), dimension.Decimal("height", Operation)),
            part.ChildText("gtin"));
    }
}
