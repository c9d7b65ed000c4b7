using CatalogHub.Grains.Catalog;

namespace CatalogHub.Grains.Ingest;

/// <summary>
/// What one entry comes to once mapped and resolved: the commands for the products it touches (several when a
/// SKU is duplicated across products of a store), or the error that stops it before any product is touched.
/// </summary>
public sealed record EntryPlan(IngestEntry Entry, EntryError? Error, IReadOnlyList<(ProductKey Key, ProductCommand Command)> Targets)
{
    public static EntryPlan Fail(IngestEntry entry, EntryError error) => new(entry, error, []);

    public static EntryPlan For(IngestEntry entry, ProductKey key, ProductCommand command) => new(entry, null, [(key, command)]);
}
