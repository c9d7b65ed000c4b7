using System.Text.Json;
using System.Text.Json.Nodes;
using CatalogHub.Grains.Catalog;

namespace CatalogHub.Grains.Outbox;

/// <summary>
/// The JSON a webhook receives: <c>{event_id, type, occurred_at, product}</c> for a product's change (its current
/// state: id, number, version, catalog, key, archived and the canonical fields, variants with their numbers), or
/// <c>{event_id, type, occurred_at, job}</c> for a job callback. Pure, so unit tests reach it.
/// </summary>
public static class WebhookBody
{
    public static byte[] Create(DeliveryItem item)
    {
        var body = new JsonObject
        {
            ["event_id"] = item.EventId,
            ["type"] = item.EventType,
            ["occurred_at"] = item.OccurredAt.ToUniversalTime(),
        };
        if (item.Product is { } product)
        {
            body["product"] = Product(product);
        }
        else
        {
            body["job"] = item.PayloadJson is null ? null : JsonNode.Parse(item.PayloadJson);
        }

        return JsonSerializer.SerializeToUtf8Bytes(body);
    }

    private static JsonObject Product(DeliveredProduct product)
    {
        var content = JsonSerializer.SerializeToNode(product.Content, ProductContent.Json)!.AsObject();
        var node = new JsonObject
        {
            ["id"] = product.Id,
            ["number"] = product.Number,
            ["version"] = product.Version,
            ["catalog"] = product.Catalog,
            ["key"] = product.Key,
            ["archived"] = product.Archived,
        };
        var numbers = product.Variants.ToDictionary(v => v.Sku, v => v.Number, StringComparer.Ordinal);
        foreach (var (name, value) in content.ToList())
        {
            content.Remove(name);
            node[name] = value;
        }

        if (node["variants"] is JsonArray variants)
        {
            foreach (var variant in variants.OfType<JsonObject>())
            {
                if (variant["sku"]?.GetValue<string>() is { } sku && numbers.TryGetValue(sku, out var number))
                {
                    variant["number"] = number;
                }
            }
        }

        return node;
    }
}
