using System.Globalization;
using System.Text.Json.Nodes;
using CatalogHub.ShopifySimulator.Shop;

namespace CatalogHub.ShopifySimulator.Mutations;

/// <summary>The JSON shapes the mutations answer with, as the Admin API names them.</summary>
internal static class Payloads
{
    /// <summary>A userError: <c>field</c> is the path to the input field (strings), <c>code</c> the type's error code.</summary>
    public static JsonObject UserError(IEnumerable<object>? field, string message, string? code) => new()
    {
        ["field"] = field is null ? null : new JsonArray([.. field.Select(f => JsonValue.Create(Convert.ToString(f, CultureInfo.InvariantCulture)))]),
        ["message"] = message,
        ["code"] = code,
    };

    /// <summary>Money as the API writes it: a decimal string.</summary>
    public static JsonNode? Money(decimal? amount) => amount is { } a ? JsonValue.Create(a.ToString("0.00##", CultureInfo.InvariantCulture)) : null;

    public static JsonArray Errors(IEnumerable<JsonObject> errors) => [.. errors];

    public static JsonObject Product(ShopifyProduct product) => new()
    {
        ["id"] = product.Gid,
        ["title"] = product.Title,
        ["handle"] = product.Handle,
        ["status"] = product.Status,
        ["vendor"] = product.Vendor,
        ["productType"] = product.ProductType,
        ["descriptionHtml"] = product.DescriptionHtml,
        ["tags"] = new JsonArray([.. product.Tags.Select(t => JsonValue.Create(t))]),
        ["options"] = new JsonArray([.. product.Options.Select(o => new JsonObject
        {
            ["name"] = o.Name,
            ["values"] = new JsonArray([.. o.Values.Select(v => JsonValue.Create(v))]),
        })]),
        ["variants"] = new JsonObject { ["nodes"] = new JsonArray([.. product.Variants.Select(Variant)]) },
    };

    public static JsonObject Variant(ShopifyVariant variant) => new()
    {
        ["id"] = variant.Gid,
        ["title"] = variant.Title,
        ["sku"] = variant.Sku,
        ["price"] = Money(variant.Price),
        ["compareAtPrice"] = Money(variant.CompareAtPrice),
        ["barcode"] = variant.Barcode,
        ["selectedOptions"] = new JsonArray([.. variant.Options.Select(o => new JsonObject { ["name"] = o.Key, ["value"] = o.Value })]),
        ["inventoryItem"] = new JsonObject { ["id"] = variant.InventoryItemGid, ["sku"] = variant.Sku },
    };

    /// <summary>An inventory adjustment group with its changes (as <c>inventorySetQuantities</c> and <c>inventoryAdjustQuantities</c> answer).</summary>
    public static JsonObject AdjustmentGroup(long id, string reason, string? referenceDocumentUri, IEnumerable<InventoryChange> changes) => new()
    {
        ["id"] = ShopifyGid.Format("InventoryAdjustmentGroup", id),
        ["createdAt"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["reason"] = reason,
        ["referenceDocumentUri"] = referenceDocumentUri,
        ["changes"] = new JsonArray([.. changes.Select(c => new JsonObject
        {
            ["name"] = c.Name,
            ["delta"] = c.Delta,
            ["quantityAfterChange"] = c.QuantityAfterChange,
            ["ledgerDocumentUri"] = c.LedgerDocumentUri,
            ["item"] = new JsonObject { ["id"] = ShopifyGid.InventoryItem(c.InventoryItemId) },
            ["location"] = new JsonObject { ["id"] = ShopifyGid.Location(c.LocationId) },
        })]),
    };
}

/// <summary>One applied change of a named quantity.</summary>
internal sealed record InventoryChange(long InventoryItemId, long LocationId, string Name, long Delta, long QuantityAfterChange, string? LedgerDocumentUri = null);
