using CatalogHub.SupplierSimulator.Catalog;
using CatalogHub.SupplierSimulator.Soap;

namespace CatalogHub.SupplierSimulator.Services.Inventory;

/// <summary>
/// Inventory 2.0.0 (promostandards.md §7): getInventoryLevels per part and warehouse; parts with no stock
/// anywhere announce 500 units 30 days after the epoch at their first warehouse.
/// </summary>
public static class InventoryService
{
    public static SoapService Create() => new("/inventory2", PsNamespaces.Inventory, "2.0.0", ErrorStyle.ServiceMessageArray,
    [
        new("GetInventoryLevelsRequest", "GetInventoryLevelsResponse", SoapService.Credentials(
            new("productId", true), new("Filter", false)), Handle),
    ]);

    private static SoapReply Handle(SoapCall call)
    {
        var product = call.Catalog.Find(call.Text("productId"));
        if (product is null)
        {
            return SoapReply.Error(600, "Product Id not found");
        }

        var partIds = call.Texts("Filter", "partId");
        var sizes = call.Texts("Filter", "labelSize");
        var colors = call.Texts("Filter", "partColor");
        if (partIds.FirstOrDefault(id => product.Parts.All(p => p.PartId != id)) is not null)
        {
            return SoapReply.Error(630, "Part Id not found");
        }

        var parts = product.Parts
            .Where(p => partIds.Count == 0 || partIds.Contains(p.PartId))
            .Where(p => sizes.Count == 0 || sizes.Contains(p.Size))
            .Where(p => colors.Count == 0 || colors.Contains(p.Color.Name))
            .ToList();
        return SoapReply.Of(w => Write(w, product, parts));
    }

    private static async Task Write(SoapWriter w, SimProduct product, IReadOnlyList<SimPart> parts)
    {
        await w.OpenShared("Inventory");
        await w.Shared("productId", product.ProductId);
        await w.OpenShared("PartInventoryArray");
        foreach (var part in parts)
        {
            await w.OpenShared("PartInventory");
            await w.Shared("partId", part.PartId);
            await w.Shared("mainPart", "true");
            await w.Shared("partColor", part.Color.Name);
            await w.Shared("labelSize", product.Kind == SimKind.Apparel ? part.Size : null);
            await w.Shared("partDescription", $"{part.Color.Name} / {part.Size}");
            await Quantity(w, "quantityAvailable", part.Stock.Sum(s => s.Quantity));
            await w.Shared("manufacturedItem", Wire.Bool(product.Kind == SimKind.Print));
            await w.Shared("buyToOrder", "false");
            await w.OpenShared("InventoryLocationArray");
            foreach (var stock in part.Stock)
            {
                await w.OpenShared("InventoryLocation");
                await w.Shared("inventoryLocationId", stock.Warehouse.Id);
                await w.Shared("inventoryLocationName", stock.Warehouse.Name);
                await w.Shared("postalCode", stock.Warehouse.PostalCode);
                await w.Shared("country", stock.Warehouse.Country);
                await Quantity(w, "inventoryLocationQuantity", stock.Quantity);
                if (part.IncomingQuantity > 0 && stock == part.Stock[0])
                {
                    await w.OpenShared("FutureAvailabilityArray");
                    await w.OpenShared("FutureAvailability");
                    await Quantity(w, null, part.IncomingQuantity);
                    await w.Shared("availableOn", Wire.Date(SyntheticCatalog.Epoch.AddDays(30)));
                    await w.Close();
                    await w.Close();
                }

                await w.Close();
            }

            await w.Close();
            await w.Shared("lastModified", Wire.Date(product.Modified));
            await w.Close();
        }

        await w.Close();
        await w.Close();
    }

    /// <summary><c>&lt;wrapper&gt;&lt;Quantity&gt;&lt;uom&gt;EA&lt;/uom&gt;&lt;value&gt;n&lt;/value&gt;&lt;/Quantity&gt;&lt;/wrapper&gt;</c>; no wrapper when null.</summary>
    private static async Task Quantity(SoapWriter w, string? wrapper, int value)
    {
        if (wrapper is not null)
        {
            await w.OpenShared(wrapper);
        }

        await w.OpenShared("Quantity");
        await w.Shared("uom", "EA");
        await w.Shared("value", Wire.Number(value));
        await w.Close();
        if (wrapper is not null)
        {
            await w.Close();
        }
    }
}
