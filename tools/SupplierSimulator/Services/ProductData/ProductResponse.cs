using CatalogHub.SupplierSimulator.Catalog;
using CatalogHub.SupplierSimulator.Soap;

namespace CatalogHub.SupplierSimulator.Services.ProductData;

/// <summary>getProduct: the product with its parts, written in the XSD's element order (promostandards.md §4).</summary>
public static class ProductResponse
{
    public static SoapReply Handle(SoapCall call)
    {
        if (ProductDataService.Localization(call) is { } unsupported)
        {
            return unsupported;
        }

        var product = call.Catalog.Find(call.Text("productId"));
        if (product is null)
        {
            return SoapReply.Error(130, "Product Id not found");
        }

        IEnumerable<SimPart> parts = product.Parts;
        if (call.Text("partId") is { } partId)
        {
            parts = parts.Where(p => p.PartId == partId);
            if (!parts.Any())
            {
                return SoapReply.Error(140, "Part Id not found");
            }
        }

        if (call.Text("colorName") is { } colorName)
        {
            parts = parts.Where(p => p.Color.Name == colorName);
            if (!parts.Any())
            {
                return SoapReply.Error(135, "Product color not found");
            }
        }

        var sizes = call.Texts("ApparelSizeArray", "labelSize");
        if (sizes.Count > 0)
        {
            parts = parts.Where(p => sizes.Contains(p.Size));
            if (!parts.Any())
            {
                return SoapReply.Error(150, "Part size not found");
            }
        }

        var selected = parts.ToList();
        return SoapReply.Of(w => Write(w, product, selected));
    }

    private static async Task Write(SoapWriter w, SimProduct p, IReadOnlyList<SimPart> parts)
    {
        await w.Open("Product");
        await w.Shared("productId", p.ProductId);
        await w.Shared("productName", p.Name);
        foreach (var description in p.Descriptions)
        {
            await w.Shared("description", description);
        }

        await w.Shared("productBrand", p.Brand);
        await w.Value("export", "true");
        await w.Open("ProductCategoryArray");
        await w.OpenShared("ProductCategory");
        await w.Shared("category", p.Category);
        await w.Shared("subCategory", p.SubCategory);
        await w.Close();
        await w.Close();
        await w.Shared("primaryImageUrl", p.PrimaryImageUrl);
        await PriceGroup(w, p.Parts[0]);
        await w.SharedNil("complianceInfoAvailable");
        if (p.Locations.Count > 0)
        {
            await w.OpenShared("LocationDecorationArray");
            foreach (var location in p.Locations)
            {
                await w.OpenShared("LocationDecoration");
                await w.Shared("locationName", location.Name);
                await w.Shared("maxImprintColors", Wire.Number(location.MaxColors));
                await w.Shared("decorationName", location.Method);
                await w.Shared("locationDecorationComboDefault", Wire.Bool(location == p.Locations[0]));
                await w.Shared("priceIncludes", "false");
                await w.Close();
            }

            await w.Close();
        }

        await w.Open("ProductPartArray");
        foreach (var part in parts)
        {
            await Part(w, p, part);
        }

        await w.Close();
        await w.Value("lastChangeDate", Wire.Date(p.Modified));
        await w.Value("creationDate", Wire.Date(p.Created));
        await w.SharedNil("endDate");
        await w.SharedNil("effectiveDate");
        await w.Shared("isCaution", "false");
        await w.Shared("isCloseout", Wire.Bool(p.Shape.IsCloseout));
        await w.OpenShared("FobPointArray");
        foreach (var fob in p.FobPoints)
        {
            await w.OpenShared("FobPoint");
            await w.Shared("fobId", fob.Id);
            await w.Shared("fobCity", fob.City);
            await w.Shared("fobState", fob.State);
            await w.Shared("fobPostalCode", fob.PostalCode);
            await w.Shared("fobCountry", fob.Country);
            await w.Close();
        }

        await w.Close();
        await w.Close();
    }

    /// <summary>The marketing list prices (the first part's breaks); PPC has the real per-part prices.</summary>
    private static async Task PriceGroup(SoapWriter w, SimPart first)
    {
        await w.Open("ProductPriceGroupArray");
        await w.OpenShared("ProductPriceGroup");
        await w.OpenShared("ProductPriceArray");
        for (var i = 0; i < first.Prices.Count; i++)
        {
            await w.OpenShared("ProductPrice");
            await w.Shared("quantityMin", Wire.Number(first.Prices[i].MinQuantity));
            await w.Shared("quantityMax", i + 1 < first.Prices.Count ? Wire.Number(first.Prices[i + 1].MinQuantity - 1) : null);
            await w.Shared("price", Wire.Number(first.Prices[i].Price));
            await w.Close();
        }

        await w.Close();
        await w.Shared("groupName", "List");
        await w.Shared("currency", "USD");
        await w.Close();
        await w.Close();
    }

    private static async Task Part(SoapWriter w, SimProduct p, SimPart part)
    {
        await w.Open("ProductPart");
        await w.Shared("partId", part.PartId);
        await w.Open("primaryColor");
        await w.OpenShared("Color");
        await w.Shared("standardColorName", part.Color.Standard);
        await w.Shared("hex", part.Color.Hex);
        await w.Shared("colorName", part.Color.Name);
        await w.Close();
        await w.Close();
        await w.Shared("description", $"{part.Color.Name} / {part.Size}");
        await w.Shared("countryOfOrigin", p.Kind == SimKind.Apparel ? "HN" : "US");
        if (p.Kind == SimKind.Apparel)
        {
            await w.OpenShared("ApparelSize");
            await w.Shared("apparelStyle", "Unisex");
            await w.Shared("labelSize", part.Size);
            await w.Close();
        }
        else
        {
            await w.OpenShared("Dimension");
            await w.Shared("dimensionUom", "IN");
            await w.Shared("depth", "0.1");
            await w.Shared("height", Wire.Number(part.Height!.Value));
            await w.Shared("width", Wire.Number(part.Width!.Value));
            await w.Shared("weightUom", "LB");
            await w.Shared("weight", Wire.Number(Math.Round(part.Width.Value * part.Height.Value / 500m, 2)));
            await w.Close();
        }

        await w.Value("leadTime", p.Kind == SimKind.Apparel ? "3" : "5");
        await w.Shared("gtin", part.Gtin);
        await w.Shared("isRushService", "false");
        await w.SharedNil("endDate");
        await w.SharedNil("effectiveDate");
        await w.Shared("isCloseout", Wire.Bool(p.Shape.IsCloseout));
        await w.Shared("isCaution", "false");
        await w.Shared("isOnDemand", Wire.Bool(p.Kind == SimKind.Print));
        await w.Shared("isHazmat", "false");
        await w.Close();
    }
}
