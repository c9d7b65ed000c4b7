using CatalogHub.Grains.Catalog;
using CatalogHub.Grains.Imports.Feed;

namespace CatalogHub.Grains.Imports;

/// <summary>
/// The second pass of an import, inside its transaction: the feed streamed again in chunks; each chunk's products
/// read with their rows locked (<c>FOR UPDATE</c>, id order: no writer can change them until the import commits),
/// diffed by content hash (unchanged products write nothing) and written through <see cref="ProductBatchWriter"/>.
/// Archived products a feed brings back are restored; a full import then archives the active products it left out.
/// </summary>
internal sealed class ImportWriter(ImportRun run, ImportStore store, int chunkSize)
{
    private int _created;
    private int _updated;
    private int _unchanged;
    private int _chunk;

    public async Task<ImportSummary> ApplyAsync(CancellationToken ct)
    {
        var chunk = new List<FeedItem>(chunkSize);
        await using (var body = store.OpenBody(run.Row.Id))
        {
            await foreach (var (index, element) in FeedReader.ItemsAsync(body, run.Row.Format, run.Row.Gzip, ct))
            {
                var errors = new List<FeedError>();
                if (FeedItemMapper.Map(element, index, run.Row.Type, run.Row.Catalog, errors) is { } item and not FeedRemoval)
                {
                    chunk.Add(item);
                }

                if (chunk.Count == chunkSize)
                {
                    await WriteChunkAsync(chunk, ct);
                    chunk.Clear();
                }
            }
        }

        await WriteChunkAsync(chunk, ct);
        return new ImportSummary(_created, _updated, _unchanged, 0);
    }

    /// <summary>Full: archives the active products the feed left out. Partial: archives the removed ones. The count.</summary>
    public async Task<int> ArchiveAsync(FeedValidator validator, CancellationToken ct)
    {
        var gone = run.Row.Type switch
        {
            ImportType.Full => await CatalogArchiveSql.SelectAsync(run.Connection, run.Transaction, Locked(CatalogArchiveSql.Absent), ct, run.Row.Catalog),
            ImportType.Partial => await CatalogArchiveSql.SelectAsync(run.Connection, run.Transaction, Locked(CatalogArchiveSql.ActiveWithKeys), ct, run.Row.Catalog, validator.Removals.ToArray()),
            _ => [],
        };
        await run.AtAsync("archive-selected", ct);
        if (run.DryRun)
        {
            return gone.Count;
        }

        for (var i = 0; i < gone.Count; i += 1000)
        {
            await CatalogArchiveSql.ChangeAsync(run.Connection, run.Transaction, gone.GetRange(i, Math.Min(1000, gone.Count - i)), archived: true, run.Source, run.At, ct);
            await run.AtAsync($"archive-{i / 1000 + 1}-written", ct);
        }

        return gone.Count;
    }

    /// <summary>The import's id → name relation overrides the catalog's (seed 003).</summary>
    public async Task NameAttributesAsync(IReadOnlyDictionary<string, string> names, CancellationToken ct)
    {
        if (names.Count == 0 || run.DryRun)
        {
            return;
        }

        await using var cmd = run.Command("""
            INSERT INTO catalog_attributes (catalog, attribute_id, name, import_id, updated_at)
            SELECT $1, a.id, a.name, $4, $5 FROM unnest($2::text[], $3::text[]) AS a(id, name)
            ON CONFLICT (catalog, attribute_id) DO UPDATE SET name = excluded.name, import_id = excluded.import_id, updated_at = excluded.updated_at
            """, run.Row.Catalog, names.Keys.ToArray(), names.Values.ToArray(), run.Row.Id, run.At);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private string Locked(string sql) => run.DryRun ? sql.Replace("FOR UPDATE", "", StringComparison.Ordinal) : sql;

    private async Task WriteChunkAsync(List<FeedItem> items, CancellationToken ct)
    {
        if (items.Count == 0)
        {
            return;
        }

        _chunk++;
        var stored = await LoadAsync(items.Select(i => i.Key).Distinct(StringComparer.Ordinal).ToList(), ct);
        await run.AtAsync($"chunk-{_chunk}-read", ct);
        var plan = new ChunkPlan(run.Row.Catalog, restoring: run.Row.Type != ImportType.Attributes);
        foreach (var item in items)
        {
            plan.Add(item, stored);
        }

        var writes = plan.Writes(run.Source, run.At);
        _unchanged += plan.Unchanged;
        if (run.DryRun)
        {
            _created += writes.Count(w => w.ExpectedVersion is null);
            _updated += writes.Count(w => w.ExpectedVersion is not null) + plan.Restores.Count;
            return;
        }

        writes.Sort(ProductBatchWriter.ByProductId);
        var results = await ProductBatchWriter.WriteAsync(run.Connection, run.Transaction, writes, ct);
        await run.AtAsync($"chunk-{_chunk}-written", ct);
        var restores = new List<(Guid Id, int Version)>(plan.Restores);
        for (var i = 0; i < writes.Count; i++)
        {
            if (results[i].Status != WriteStatus.Written)
            {
                // Rows are locked and new keys were read under the catalog's lock: only a concurrent insert of the same
                // key by another path can get here. Failing rolls the whole import back; the client may re-send it.
                throw new InvalidOperationException($"Product '{writes[i].Content.Key.Key}' was written by another path during the import ({results[i].Status}); nothing was applied.");
            }

            _ = writes[i].ExpectedVersion is null ? _created++ : _updated++;
            if (plan.Archived.Contains(writes[i].Content.ProductId))
            {
                restores.Add((writes[i].Content.ProductId, results[i].Stamp!.Version));
            }
        }

        _updated += plan.Restores.Count;
        restores.Sort((a, b) => ProductBatchWriter.CompareIds(a.Id, b.Id));
        await CatalogArchiveSql.ChangeAsync(run.Connection, run.Transaction, restores, archived: false, run.Source, run.At, ct);
        await run.AtAsync($"chunk-{_chunk}-restored", ct);
    }

    /// <summary>The chunk's stored products, rows locked in id order (the order every writer locks in).</summary>
    private async Task<Dictionary<string, StoredState>> LoadAsync(List<string> keys, CancellationToken ct)
    {
        var found = new Dictionary<string, StoredState>(StringComparer.Ordinal);
        await using (var cmd = run.Command($"""
            SELECT key, id, version, content_hash, archived_at IS NOT NULL FROM products
            WHERE catalog = $1 AND key = ANY ($2) ORDER BY id {run.ForUpdate}
            """, run.Row.Catalog, keys.ToArray()))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                found[r.GetString(0)] = new StoredState(r.GetGuid(1), r.GetInt32(2), Convert.ToHexStringLower(r.GetFieldValue<byte[]>(3)), r.GetBoolean(4), null);
            }
        }

        if (run.Row.Type == ImportType.Attributes && found.Count > 0)
        {
            var whole = await ProductStateReader.ReadAsync(run.Connection, run.Transaction, [.. found.Keys.Select(k => new ProductKey(run.Row.Catalog, k))], ct);
            foreach (var p in whole.OfType<StoredProduct>())
            {
                var key = found.First(kv => kv.Value.Id == p.Stamp.ProductId).Key;
                found[key] = found[key] with { Product = p.Product };
            }
        }

        return found;
    }
}
