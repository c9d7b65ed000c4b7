using CatalogHub.Grains.Suppliers;

namespace CatalogHub.Grains.SyncJobs;

/// <summary>What discovery returned, made fit for the checkpoint. Pure.</summary>
public static class DiscoveredRefs
{
    /// <summary>
    /// De-duplicated by supplier SKU (the product key; the first ref of a SKU wins, blank SKUs are dropped),
    /// in the supplier's order, and cut to the limit of a <c>first_n</c> job.
    /// </summary>
    public static IReadOnlyList<ProductRef> Normalize(IEnumerable<ProductRef> refs, DiscoveryMode mode, int? limit)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<ProductRef>();
        foreach (var r in refs)
        {
            if (string.IsNullOrWhiteSpace(r.SupplierSku) || !seen.Add(r.SupplierSku))
            {
                continue;
            }

            result.Add(r);
            if (mode == DiscoveryMode.FirstN && limit is { } n && result.Count >= n)
            {
                break;
            }
        }

        return result;
    }
}
