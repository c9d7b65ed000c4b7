using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CatalogHub.Api.Products;

/// <summary>
/// Per-silo memory of large list totals. Counting a broad filter (all active products, a big category, a
/// common word) means visiting every match, and a client paging through one filter asks for the same total on
/// every page; so totals of at least <see cref="ProductListOptions.TotalCacheMinimum"/> are kept for
/// <see cref="ProductListOptions.TotalCacheSeconds"/> and may lag writes by that long. So are the totals of
/// every <c>q</c> search whatever their size: a trigram match must be rechecked on each candidate row, so even
/// a few hundred matches (e.g. <c>q</c> within a large category) cost tens of milliseconds to count.
/// Other small totals are cheap to count and always exact; the items of a page are always read fresh.
/// </summary>
public sealed class ProductTotals(IOptions<ProductListOptions> configured, TimeProvider time)
{
    /// <summary>Distinct filters remembered at most (q is free text); the memory is dropped whole when full.</summary>
    public const int MaxEntries = 10_000;

    private readonly ProductListOptions _options = configured.Value;

    private readonly ConcurrentDictionary<ProductListQuery, (long Total, DateTimeOffset Until)> _totals = new();

    /// <summary>The remembered total under <paramref name="query"/>'s filter, if still fresh.</summary>
    public long? Find(ProductListQuery query) =>
        _options.TotalCacheSeconds > 0 && _totals.TryGetValue(Filter(query), out var entry) && entry.Until > time.GetUtcNow() ? entry.Total : null;

    /// <summary>Remembers <paramref name="total"/> when it is large enough to be worth it.</summary>
    public void Remember(ProductListQuery query, long total)
    {
        if (_options.TotalCacheSeconds <= 0 || (total < _options.TotalCacheMinimum && query.Q is null))
        {
            return;
        }

        if (_totals.Count >= MaxEntries)
        {
            _totals.Clear();
        }

        _totals[Filter(query)] = (total, time.GetUtcNow().AddSeconds(_options.TotalCacheSeconds));
    }

    /// <summary>The filter alone: every page of one filter shares its total.</summary>
    private static ProductListQuery Filter(ProductListQuery query) => query with { Skip = 0, Limit = 0 };
}

/// <summary>Tuning of the product list (<c>Hub:Products</c>).</summary>
public sealed class ProductListOptions
{
    /// <summary>How long a large total is reused; 0 counts on every request.</summary>
    public int TotalCacheSeconds { get; set; } = 5;

    /// <summary>Totals below this are always counted (exact at once).</summary>
    public long TotalCacheMinimum { get; set; } = 1_000;
}
