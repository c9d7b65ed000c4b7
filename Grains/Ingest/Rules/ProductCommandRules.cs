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
    public static CommandApplication Apply(CanonicalProduct? current, ProductCommand command, DateTimeOffset now) =>
        throw new NotImplementedException("ProductCommandRules.Apply is being written (issue 8).");
}
