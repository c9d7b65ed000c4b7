using CatalogHub.Grains.Imports.Feed;

namespace CatalogHub.Grains.Imports;

/// <summary>
/// The first pass of an attributes import: every modification must name a product of the catalog (and a variant of
/// it when it names a SKU); unknown targets are validation errors. Checked set-based, a thousand targets a query.
/// </summary>
internal sealed class TargetCheck(ImportRun run, FeedValidator validator)
{
    private const int Batch = 1000;

    private const string Missing = """
        SELECT t.i FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS t(key, sku, i)
        WHERE NOT EXISTS (
            SELECT 1 FROM products p WHERE p.catalog = $1 AND p.key = t.key
              AND (t.sku IS NULL OR EXISTS (SELECT 1 FROM variants v WHERE v.product_id = p.id AND v.sku = t.sku)))
        ORDER BY t.i
        """;

    private readonly List<FeedModification> _pending = [];

    public async Task AddAsync(FeedModification m, CancellationToken ct)
    {
        _pending.Add(m);
        if (_pending.Count >= Batch)
        {
            await FlushAsync(ct);
        }
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        await using var cmd = run.Command(Missing, run.Row.Catalog, _pending.Select(m => m.Key).ToArray());
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = _pending.Select(m => m.Sku).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                var m = _pending[(int)r.GetInt64(0) - 1];
                validator.Fail(m.Sku is null
                    ? new FeedError(m.Path + ".key", $"no product '{m.Key}' in catalog {run.Row.Catalog}")
                    : new FeedError(m.Path + ".sku", $"product '{m.Key}' has no variant '{m.Sku}' in catalog {run.Row.Catalog}"));
            }
        }

        _pending.Clear();
    }
}
