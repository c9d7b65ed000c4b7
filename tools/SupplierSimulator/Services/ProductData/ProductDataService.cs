using CatalogHub.SupplierSimulator.Catalog;
using CatalogHub.SupplierSimulator.Soap;

namespace CatalogHub.SupplierSimulator.Services.ProductData;

/// <summary>Product Data 2.0.0 (promostandards.md §4): the catalog lists and getProduct.</summary>
public static class ProductDataService
{
    public static SoapService Create() => new("/productdata2", PsNamespaces.ProductData, "2.0.0", ErrorStyle.ServiceMessageArray,
    [
        new("GetProductRequest", "GetProductResponse", SoapService.Credentials(
            new("localizationCountry", true), new("localizationLanguage", true), new("productId", true),
            new("partId", false), new("colorName", false), new("ApparelSizeArray", false)), ProductResponse.Handle),
        new("GetProductSellableRequest", "GetProductSellableResponse", SoapService.Credentials(
            new("localizationCountry", false), new("localizationLanguage", false), new("productId", false),
            new("partId", false), new("lineName", false), new("isSellable", true)), Sellable),
        new("GetProductDateModifiedRequest", "GetProductDateModifiedResponse", SoapService.Credentials(
            new FieldSpec("changeTimeStamp", true)), DateModified),
        new("GetProductCloseOutRequest", "GetProductCloseOutResponse", SoapService.Credentials(), CloseOut),
    ]);

    /// <summary>125 for a localization the supplier does not serve (US/CA, en/fr); null when fine.</summary>
    public static SoapReply? Localization(SoapCall call)
    {
        var country = call.Text("localizationCountry");
        var language = call.Text("localizationLanguage");
        if (country is not null && country is not ("US" or "CA"))
        {
            return SoapReply.Error(125, $"Not supported: localizationCountry {country}");
        }

        return language is not null && language is not ("en" or "fr")
            ? SoapReply.Error(125, $"Not supported: localizationLanguage {language}")
            : null;
    }

    /// <summary>One row per part of every product whose sellable flag matches <c>isSellable</c>.</summary>
    private static SoapReply Sellable(SoapCall call)
    {
        if (!Wire.TryBool(call.Text("isSellable"), out var sellable))
        {
            return SoapReply.Error(999, "General error: isSellable must be true or false");
        }

        if (Localization(call) is { } unsupported)
        {
            return unsupported;
        }

        IEnumerable<ProductShape> shapes = call.Catalog.Shapes();
        var productId = call.Text("productId");
        var partId = call.Text("partId");
        if (productId is not null)
        {
            var index = call.Catalog.Catalog.IndexOf(productId);
            if (index < 0)
            {
                return SoapReply.Error(130, "Product Id not found");
            }

            var shape = call.Catalog.Catalog.Shape(index);
            if (partId is not null && !shape.PartIds().Contains(partId))
            {
                return SoapReply.Error(140, "Part Id not found");
            }

            shapes = [shape];
        }

        var rows = shapes.Where(s => s.IsSellable == sellable)
            .SelectMany(s => s.PartIds().Where(p => partId is null || p == partId).Select(p => (s.ProductId, (string?)p)));
        return SoapReply.Of(w => Rows(w, "ProductSellableArray", "ProductSellable", rows));
    }

    /// <summary>One row (no partId) per product modified at or after <c>changeTimeStamp</c>.</summary>
    private static SoapReply DateModified(SoapCall call)
    {
        if (!Wire.TryDate(call.Text("changeTimeStamp"), out var since))
        {
            return SoapReply.Error(999, "General error: changeTimeStamp is not an xsd:dateTime");
        }

        var rows = call.Catalog.Shapes().Where(s => call.Catalog.Modified(s) >= since).Select(s => (s.ProductId, (string?)null));
        return SoapReply.Of(w => Rows(w, "ProductDateModifiedArray", "ProductDateModified", rows));
    }

    /// <summary>One row per part of every closeout product.</summary>
    private static SoapReply CloseOut(SoapCall call)
    {
        var rows = call.Catalog.Shapes().Where(s => s.IsCloseout).SelectMany(s => s.PartIds().Select(p => (s.ProductId, (string?)p)));
        return SoapReply.Of(w => Rows(w, "ProductCloseOutArray", "ProductCloseOut", rows));
    }

    /// <summary>Streams the rows; an empty result leaves the array out, as Product Data does.</summary>
    private static async Task Rows(SoapWriter w, string array, string row, IEnumerable<(string ProductId, string? PartId)> rows)
    {
        var open = false;
        foreach (var (productId, partId) in rows)
        {
            if (!open)
            {
                await w.Open(array);
                open = true;
            }

            await w.Open(row);
            await w.Shared("productId", productId);
            await w.Shared("partId", partId);
            await w.Close();
        }

        if (open)
        {
            await w.Close();
        }
    }
}
