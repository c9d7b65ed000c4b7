using CatalogHub.SupplierSimulator.Catalog;
using CatalogHub.SupplierSimulator.Soap;

namespace CatalogHub.SupplierSimulator.Services.Pricing;

/// <summary>
/// Pricing and Configuration 1.0.0 (promostandards.md §5): getConfigurationAndPricing with every part's
/// quantity breaks in partGroup 1. List prices are the catalog's; Net is 60 % and Customer 55 % of them.
/// </summary>
public static class PricingService
{
    public static SoapService Create() => new("/ppc", PsNamespaces.Pricing, "1.0.0", ErrorStyle.ErrorMessage,
    [
        new("GetConfigurationAndPricingRequest", "GetConfigurationAndPricingResponse", SoapService.Credentials(
            new("productId", true), new("partId", false), new("currency", true), new("fobId", true), new("priceType", true),
            new("localizationCountry", true), new("localizationLanguage", true), new("configurationType", true)), Handle),
    ]);

    private static SoapReply Handle(SoapCall call)
    {
        var product = call.Catalog.Find(call.Text("productId"));
        if (product is null)
        {
            return SoapReply.Error(400, "productID not found");
        }

        var partId = call.Text("partId");
        if (partId is not null && product.Parts.All(p => p.PartId != partId))
        {
            return SoapReply.Error(999, "General error: partId not found");
        }

        var priceType = call.Text("priceType");
        var fobId = call.Text("fobId");
        var factor = priceType switch
        {
            "List" => 1m,
            "Net" => 0.6m,
            "Customer" => 0.55m,
            _ => (decimal?)null,
        };
        SoapReply? error =
            call.Text("currency") != "USD" ? SoapReply.Error(401, "currency not found")
            : factor is null ? SoapReply.Error(402, "priceType not found")
            : product.FobPoints.All(f => f.Id != fobId) ? SoapReply.Error(403, "fobId not found")
            : call.Text("localizationCountry") is not ("US" or "CA") ? SoapReply.Error(404, "localizationCountry not found")
            : call.Text("localizationLanguage") is not ("en" or "fr") ? SoapReply.Error(405, "localizationLanguage not found")
            : call.Text("configurationType") is not ("Blank" or "Decorated") ? SoapReply.Error(406, "configurationType not found")
            : null;
        if (error is not null)
        {
            return error;
        }

        var parts = product.Parts.Where(p => partId is null || p.PartId == partId).ToList();
        return SoapReply.Of(w => Write(w, product, parts, factor!.Value, priceType!, fobId!));
    }

    private static async Task Write(SoapWriter w, SimProduct product, IReadOnlyList<SimPart> parts, decimal factor, string priceType, string fobId)
    {
        await w.Open("Configuration");
        await w.Open("PartArray");
        foreach (var part in parts)
        {
            await w.Open("Part");
            await w.Shared("partId", part.PartId);
            await w.Shared("partDescription", $"{part.Color.Name} / {part.Size}");
            await w.Open("PartPriceArray");
            foreach (var price in part.Prices)
            {
                await w.Open("PartPrice");
                await w.Value("minQuantity", Wire.Number(price.MinQuantity));
                await w.Value("price", Wire.Number(Math.Round(price.Price * factor, 4)));
                await w.Value("priceUom", "EA");
                await w.Value("priceEffectiveDate", Wire.Date(product.Modified));
                await w.Nil("priceExpiryDate");
                await w.Close();
            }

            await w.Close();
            await w.Shared("partGroup", "1");
            await w.Shared("partGroupRequired", "true");
            await w.Shared("partGroupDescription", "Main Product");
            await w.Shared("ratio", "1");
            await w.Shared("defaultPart", Wire.Bool(part == product.Parts[0]));
            await w.Close();
        }

        await w.Close();
        await w.Shared("productId", product.ProductId);
        await w.Shared("currency", "USD");
        await w.OpenShared("FobArray");
        await w.OpenShared("Fob");
        await w.Shared("fobId", fobId);
        await w.Shared("fobPostalCode", product.FobPoints.First(f => f.Id == fobId).PostalCode);
        await w.Close();
        await w.Close();
        await w.Shared("priceType", priceType);
        await w.Close();
    }
}
