using CatalogHub.Grains.Catalog;
using CatalogHub.Grains.Ingest.Entries;
using CatalogHub.Grains.Ingest.Stores;

namespace CatalogHub.Grains.Ingest;

/// <summary>
/// Maps a chunk of entries to commands for their products and resolves what they name — the store, the location,
/// the SKU — with one lookup of each kind per chunk. An entry that does not map or resolve gets its error here and
/// touches nothing.
/// </summary>
public sealed class IngestPlanner(StoreDirectory stores, SkuResolver skus)
{
    public async Task<IReadOnlyList<EntryPlan>> PlanAsync(IngestJobSpec spec, IReadOnlyList<IngestEntry> chunk, CancellationToken ct) => spec.Kind switch
    {
        IngestKind.Products or IngestKind.Pos => await PlanProductsAsync(spec, chunk, ct),
        IngestKind.Inventory => await PlanInventoryAsync(spec, chunk, ct),
        _ => await PlanPricesAsync(spec, chunk, ct),
    };

    private async Task<IReadOnlyList<EntryPlan>> PlanProductsAsync(IngestJobSpec spec, IReadOnlyList<IngestEntry> chunk, CancellationToken ct)
    {
        var storeNumber = spec.StoreNumber!;
        var store = (await stores.FindAsync([storeNumber], ct)).GetValueOrDefault(storeNumber);
        var storeError = StoreError(store, storeNumber, "store_number");
        return [.. chunk.Select(entry =>
        {
            if (storeError is not null)
            {
                return EntryPlan.Fail(entry, storeError);
            }

            var mapped = spec.Kind == IngestKind.Pos ? PosEntryMapper.Map(entry.Data, storeNumber, entry.Row) : ProductEntryMapper.Map(entry.Data, storeNumber);
            return mapped.Value is { } product
                ? EntryPlan.For(entry, new ProductKey(ProductKey.StoreCatalog(storeNumber), product.Handle!), new PutProduct
                {
                    Row = entry.Row,
                    Product = product,
                    Digest = EntryDigest.Of(spec.Kind, storeNumber, entry.Row, entry.Data),
                })
                : EntryPlan.Fail(entry, mapped.Error!);
        })];
    }

    private async Task<IReadOnlyList<EntryPlan>> PlanInventoryAsync(IngestJobSpec spec, IReadOnlyList<IngestEntry> chunk, CancellationToken ct)
    {
        var catalog = ProductKey.StoreCatalog(spec.StoreNumber!);
        var mapped = chunk.Select(e => (Entry: e, Mapping: InventoryEntryMapper.Map(e.Data, spec.InitialInventory))).ToList();
        var requests = mapped.Where(m => m.Mapping.Value is not null).Select(m => m.Mapping.Value!).ToList();
        var known = await stores.FindAsync([.. requests.Select(r => r.Store).Append(spec.StoreNumber!)], ct);
        var matches = await skus.ResolveAsync([.. requests.Select(r => (catalog, r.Sku)).Distinct()], ct);
        var pathError = StoreError(known.GetValueOrDefault(spec.StoreNumber!), spec.StoreNumber!, "store_number");
        return [.. mapped.Select(m =>
        {
            if (m.Mapping.Value is not { } request)
            {
                return EntryPlan.Fail(m.Entry, m.Mapping.Error!);
            }

            var store = known.GetValueOrDefault(request.Store);
            if ((pathError ?? StoreError(store, request.Store, "store") ?? LocationError(store!, request.LocationName)) is { } error)
            {
                return EntryPlan.Fail(m.Entry, error);
            }

            var location = $"{request.Store}/{request.LocationName ?? request.Store}";
            return Route(m.Entry, matches[(catalog, request.Sku)].ToList(), spec.StoreNumber!, request.ChildStore, request.Sku, () => new AdjustInventory
            {
                Row = m.Entry.Row,
                Sku = request.Sku,
                Location = location,
                SetAvailable = request.SetAvailable,
                Available = request.Available,
                Incoming = request.Incoming,
            });
        })];
    }

    private async Task<IReadOnlyList<EntryPlan>> PlanPricesAsync(IngestJobSpec spec, IReadOnlyList<IngestEntry> chunk, CancellationToken ct)
    {
        var mapped = chunk.Select(e => (Entry: e, Mapping: PriceEntryMapper.Map(e.Data))).ToList();
        var requests = mapped.Where(m => m.Mapping.Value is not null).Select(m => m.Mapping.Value!).ToList();
        var known = await stores.FindAsync([.. requests.Select(r => r.StoreId)], ct);
        var matches = await skus.ResolveAsync([.. requests.Select(r => (ProductKey.StoreCatalog(r.StoreId), r.Sku)).Distinct()], ct);
        return [.. mapped.Select(m =>
        {
            if (m.Mapping.Value is not { } request)
            {
                return EntryPlan.Fail(m.Entry, m.Mapping.Error!);
            }

            if (!spec.Allows(request.StoreId))
            {
                return EntryPlan.Fail(m.Entry, EntryError.Resolution($"The API key may not write to store {request.StoreId}", "store_id"));
            }

            if (StoreError(known.GetValueOrDefault(request.StoreId), request.StoreId, "store_id") is { } error)
            {
                return EntryPlan.Fail(m.Entry, error);
            }

            var catalog = ProductKey.StoreCatalog(request.StoreId);
            return Route(m.Entry, matches[(catalog, request.Sku)].ToList(), request.StoreId, request.ChildStore, request.Sku,
                () => new SetPrice { Row = m.Entry.Row, Sku = request.Sku, Price = request.Price, PriceType = request.PriceType });
        })];
    }

    private static EntryPlan Route(IngestEntry entry, IReadOnlyList<SkuMatch> candidates, string store, string childStore, string sku, Func<ProductCommand> command)
    {
        var routed = ChildStoreRouting.Select(candidates, store, childStore);
        if (routed.Count == 0)
        {
            var where = childStore == store ? $"store {store}" : $"store {store}, child store {childStore}";
            return EntryPlan.Fail(entry, EntryError.Resolution($"SKU not found: {sku} in {where}", "sku"));
        }

        return new EntryPlan(entry, null, [.. routed.Select(m =>
        {
            var key = new ProductKey(m.Catalog, m.Key);
            return (key, command());
        })]);
    }

    private static EntryError? StoreError(StoreInfo? store, string storeNumber, string field) =>
        store is null ? EntryError.Resolution($"Store not found: {storeNumber}", field)
        : !store.Active ? EntryError.Resolution($"Store is inactive: {storeNumber}", field)
        : null;

    /// <summary>The location an inventory entry names (null, "" or "0": the one named after the store) must exist and be active.</summary>
    private static EntryError? LocationError(StoreInfo store, string? locationName)
    {
        var name = locationName ?? store.StoreNumber;
        return !store.LocationsByName.TryGetValue(name, out var location) ? EntryError.Resolution($"Location not found: {name} (store {store.StoreNumber})", "location_name")
            : !location.Active ? EntryError.Resolution($"Location is inactive: {name} (store {store.StoreNumber})", "location_name")
            : null;
    }
}
