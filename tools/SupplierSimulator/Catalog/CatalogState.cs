namespace CatalogHub.SupplierSimulator.Catalog;

/// <summary>What "advance time" did: the simulator's clock afterwards and the products it modified.</summary>
public sealed record AdvanceResult(DateTimeOffset Clock, IReadOnlyList<string> Modified);

/// <summary>
/// The catalog as it stands now: the generated catalog plus the revisions "advance time" made. The clock is
/// the real UTC time plus every advance so far, so modified dates of advanced products are later than any
/// sync a client started before the advance (the generated dates all lie before <see cref="SyntheticCatalog.Epoch"/>).
/// </summary>
public sealed class CatalogState(SyntheticCatalog catalog, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, (int Revision, DateTimeOffset Modified)> _revisions = [];
    private TimeSpan _offset;
    private int _advances;

    public SyntheticCatalog Catalog { get; } = catalog;

    public DateTimeOffset Now
    {
        get
        {
            lock (_gate)
            {
                return time.GetUtcNow() + _offset;
            }
        }
    }

    /// <summary>The current state of the product with that id, or null when there is none.</summary>
    public SimProduct? Find(string? productId)
    {
        var index = Catalog.IndexOf(productId);
        return index < 0 ? null : Product(index);
    }

    public SimProduct Product(int index)
    {
        var (revision, modified) = Revision(index);
        return Catalog.Product(index, revision, modified);
    }

    /// <summary>The date a product was last modified (its generated date until an advance touched it).</summary>
    public DateTimeOffset Modified(ProductShape shape) => Revision(shape.Index).Modified ?? shape.BaseModified;

    /// <summary>Every product's shape, in catalog order.</summary>
    public IEnumerable<ProductShape> Shapes()
    {
        for (var i = 0; i < Catalog.Count; i++)
        {
            yield return Catalog.Shape(i);
        }
    }

    /// <summary>
    /// Moves the clock by <paramref name="by"/> and gives <paramref name="products"/> distinct products
    /// (chosen by the seed and the number of advances so far) a new revision modified at the new clock.
    /// </summary>
    public AdvanceResult Advance(int products, TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(products);
        ArgumentOutOfRangeException.ThrowIfNegative(by.Ticks, nameof(by));
        lock (_gate)
        {
            _offset += by;
            _advances++;
            var now = time.GetUtcNow() + _offset;
            var random = new Random(unchecked((Catalog.Seed * 7919) + _advances));
            var picked = new SortedSet<int>();
            var count = Math.Min(products, Catalog.Count);
            while (picked.Count < count)
            {
                picked.Add(random.Next(Catalog.Count));
            }

            foreach (var index in picked)
            {
                var revision = _revisions.TryGetValue(index, out var r) ? r.Revision + 1 : 1;
                _revisions[index] = (revision, now);
            }

            return new AdvanceResult(now, [.. picked.Select(SyntheticCatalog.ProductId)]);
        }
    }

    private (int Revision, DateTimeOffset? Modified) Revision(int index)
    {
        lock (_gate)
        {
            return _revisions.TryGetValue(index, out var r) ? (r.Revision, r.Modified) : (0, null);
        }
    }
}
