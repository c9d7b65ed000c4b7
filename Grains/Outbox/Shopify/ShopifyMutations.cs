namespace CatalogHub.Grains.Outbox.Shopify;

/// <summary>The Admin GraphQL documents the channel sends; inputs always go as variables.</summary>
public static class ShopifyMutations
{
    public const string ProductSet = """
        mutation HubProductSet($identifier: ProductSetIdentifiers, $input: ProductSetInput!) {
          productSet(identifier: $identifier, input: $input, synchronous: true) {
            product { id variants(first: 250) { nodes { id sku inventoryItem { id } } } }
            userErrors { field message code }
          }
        }
        """;

    public const string InventorySet = """
        mutation HubInventorySet($input: InventorySetQuantitiesInput!) {
          inventorySetQuantities(input: $input) {
            inventoryAdjustmentGroup { id }
            userErrors { field message code }
          }
        }
        """;

    public const string InventoryActivate = """
        mutation HubInventoryActivate($inventoryItemId: ID!, $locationId: ID!) {
          inventoryActivate(inventoryItemId: $inventoryItemId, locationId: $locationId) {
            inventoryLevel { id }
            userErrors { field message }
          }
        }
        """;

    public const string VariantPrices = """
        mutation HubVariantPrices($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
          productVariantsBulkUpdate(productId: $productId, variants: $variants) {
            productVariants { id }
            userErrors { field message code }
          }
        }
        """;
}
