using CatalogHub.Grains.Catalog;
using CatalogHub.Grains.Imports.Feed;

namespace CatalogHub.Grains.Imports;

/// <summary>A product of the catalog as a chunk reads it (with its content only for attributes imports).</summary>
internal sealed record StoredState(Guid Id, int Version, string Hash, bool Archived, CanonicalProduct? Product);

/// <summary>
/// The diff of one chunk against the stored products: which writes to make (new: no expected version; changed: the
/// version read under lock), which products are unchanged (equal content hash: no row written), and which archived
/// products the feed brings back. Attributes imports apply their modifications to the stored content first.
/// </summary>
internal sealed class ChunkPlan(string catalog, bool restoring)
{
    private readonly Dictionary<string, (ProductContent Content, StoredState? Stored)> _products = new(StringComparer.Ordinal);

    public int Unchanged { get; private set; }

    /// <summary>Products whose content is unchanged but which are archived: restore them at their version.</summary>
    public List<(Guid Id, int Version)> Restores { get; } = [];

    /// <summary>Products written by this chunk that are archived: restore them after the write.</summary>
    public HashSet<Guid> Archived { get; } = [];

    public void Add(FeedItem item, IReadOnlyDictionary<string, StoredState> stored)
    {
        var key = new ProductKey(catalog, item.Key);
        stored.TryGetValue(item.Key, out var state);
        if (item is FeedModification m)
        {
            var current = _products.TryGetValue(item.Key, out var planned) ? planned.Content.Product : state!.Product!;
            _products[item.Key] = (ProductContent.Prepare(key, FeedModifications.Apply(current, m)), state);
            return;
        }

        var content = ProductContent.Prepare(key, ((FeedProduct)item).Product);
        _products[item.Key] = (content, state);
    }

    /// <summary>Settles the chunk: products equal to their stored content drop out as unchanged; the writes of the rest.</summary>
    public List<ProductWrite> Writes(ChangeSource source, DateTimeOffset at)
    {
        var writes = new List<ProductWrite>(_products.Count);
        foreach (var (key, (content, stored)) in _products.ToList())
        {
            var restore = restoring && stored is { Archived: true };
            if (stored is not null && stored.Hash == content.Hash)
            {
                Unchanged += restore ? 0 : 1;
                if (restore)
                {
                    Restores.Add((stored.Id, stored.Version));
                }

                _products.Remove(key);
                continue;
            }

            if (restore)
            {
                Archived.Add(content.ProductId);
            }

            writes.Add(new ProductWrite(content, stored?.Version, source, at));
        }

        return writes;
    }
}
