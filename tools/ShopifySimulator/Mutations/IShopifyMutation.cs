using System.Text.Json.Nodes;
using CatalogHub.ShopifySimulator.Knobs;
using CatalogHub.ShopifySimulator.Shop;

namespace CatalogHub.ShopifySimulator.Mutations;

/// <summary>
/// One Admin GraphQL mutation: reads its arguments (variables already resolved), applies them to the shop
/// under its lock, and returns its payload. Invalid values answer <c>userErrors</c> and change nothing; values
/// of the wrong type throw <see cref="GraphQl.GraphQlRequestException"/> before anything is read from the shop.
/// </summary>
public interface IShopifyMutation
{
    /// <summary>The root field, e.g. <c>productSet</c>.</summary>
    string Name { get; }

    JsonObject Execute(IReadOnlyDictionary<string, JsonNode?> arguments, ShopState shop, ShopifyKnobs knobs);
}

/// <summary>The mutations the simulator speaks, by name.</summary>
public static class ShopifyMutations
{
    public static readonly IReadOnlyDictionary<string, IShopifyMutation> All = new IShopifyMutation[]
    {
        new ProductSetMutation(),
        new InventorySetQuantitiesMutation(),
        new InventoryAdjustQuantitiesMutation(),
        new InventoryActivateMutation(),
        new ProductVariantsBulkUpdateMutation(),
    }.ToDictionary(m => m.Name, StringComparer.Ordinal);
}
