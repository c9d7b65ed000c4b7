using CatalogHub.Grains.Catalog;

namespace CatalogHub.Grains.Ingest.Rules;

/// <summary>The state of a product after one command, or why the command cannot apply (the state is then unchanged).</summary>
public sealed record CommandApplication(CanonicalProduct? Product, EntryError? Error);

/// <summary>
/// How each <see cref="ProductCommand"/> changes a product (seed 002's processing rules): pure, so unit tests reach
/// every rule without a cluster. The product grain applies the commands of a batch one after the other, then
/// writes the last state once.
/// </summary>
public static class ProductCommandRules
{
    /// <summary>
    /// Applies <paramref name="command"/> to <paramref name="current"/> (null: the product does not exist) at
    /// <paramref name="now"/>. Returns the new state, which may equal the current one (nothing to change), or an
    /// error and the current state.
    /// </summary>
    public static CommandApplication Apply(CanonicalProduct? current, ProductCommand command, DateTimeOffset now) => command switch
    {
        PutProduct put => new(ProductReplacement.Apply(current, put.Product, now), null),
        AdjustInventory adjust => OnVariant(current, adjust.Sku, v => InventoryAdjustment.Apply(v, adjust)),
        SetPrice { Price: < 0 or >= ProductRules.MaxMoney } => new(current, EntryError.Validation("price must be 0 or more and within the catalog's range", "price")),
        SetPrice price => OnVariant(current, price.Sku, v => (PriceTransition.Apply(v, price.Price, price.PriceType, now), null)),
        _ => throw new ArgumentException($"No rule applies {command.GetType().Name}", nameof(command)),
    };

    /// <summary>Applies <paramref name="change"/> to the variant with <paramref name="sku"/>; a resolution error when there is none.</summary>
    private static CommandApplication OnVariant(
        CanonicalProduct? current, string sku, Func<CanonicalVariant, (CanonicalVariant Variant, EntryError? Error)> change)
    {
        var index = current is null ? -1 : current.Variants.ToList().FindIndex(v => v.Sku == sku);
        if (index < 0)
        {
            return new(current, EntryError.Resolution($"SKU not found: {sku}", "sku"));
        }

        var variant = current!.Variants[index];
        var (changed, error) = change(variant);
        if (error is not null || ReferenceEquals(changed, variant))
        {
            return new(current, error);
        }

        var variants = current.Variants.ToArray();
        variants[index] = changed;
        return new(current with { Variants = variants }, null);
    }
}
