using CatalogHub.Grains.Catalog;
using Npgsql;

namespace CatalogHub.Grains.Imports;

/// <summary>
/// Set-based archive and restore for feed imports, the many-rows form of <c>ProductArchiveSql</c>: version-checked
/// updates of <c>archived_at</c> with one outbox event per product (<c>product.archived</c> / <c>product.restored</c>,
/// ids from product id + new version, as every writer names them), in the import's transaction. The caller has
/// locked the rows, so every expected version holds; a row that does not answer is a bug and fails the import.
/// </summary>
internal static class CatalogArchiveSql
{
    private const string Change = """
        WITH x AS (
            SELECT * FROM unnest($1::uuid[], $2::int[], $3::uuid[]) AS x(id, version, event_id)
        ), p AS (
            UPDATE products p SET archived_at = CASE WHEN $4 THEN $5 END, version = p.version + 1, updated_at = $5
            FROM x WHERE p.id = x.id AND p.version = x.version AND (p.archived_at IS NOT NULL) <> $4
            RETURNING p.id, p.number, p.version, p.catalog, p.key, x.event_id
        ), e AS (
            INSERT INTO outbox_events (id, catalog, aggregate_type, aggregate_id, aggregate_version, event_type,
                                       source_kind, source_ref, payload)
            SELECT p.event_id, p.catalog, 'product', p.id, p.version, $6, $7, $8,
                   jsonb_build_object('product_id', p.id, 'product_number', p.number, 'version', p.version,
                                      'catalog', p.catalog, 'key', p.key)
            FROM p
        )
        SELECT count(*)::int FROM p
        """;

    /// <summary>Active products of the catalog that the feed (its keys in <c>feed_keys</c>) leaves out, locked in id order.</summary>
    public const string Absent = """
        SELECT p.id, p.version FROM products p
        WHERE p.catalog = $1 AND p.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM feed_keys k WHERE k.key = p.key)
        ORDER BY p.id FOR UPDATE
        """;

    /// <summary>Active products of the catalog with one of the keys <c>$2</c>, locked in id order.</summary>
    public const string ActiveWithKeys = """
        SELECT p.id, p.version FROM products p
        WHERE p.catalog = $1 AND p.archived_at IS NULL AND p.key = ANY ($2)
        ORDER BY p.id FOR UPDATE
        """;

    /// <summary>Sets <c>archived_at</c> (<paramref name="archived"/>) on <paramref name="products"/> (id, version read under lock).</summary>
    public static async Task<int> ChangeAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<(Guid Id, int Version)> products, bool archived, ChangeSource source, DateTimeOffset at, CancellationToken ct)
    {
        if (products.Count == 0)
        {
            return 0;
        }

        await using var cmd = new NpgsqlCommand(Change, conn, tx);
        cmd.Parameters.AddWithValue(products.Select(p => p.Id).ToArray());
        cmd.Parameters.AddWithValue(products.Select(p => p.Version).ToArray());
        cmd.Parameters.AddWithValue(products.Select(p => NameBasedGuid.ProductEvent(p.Id, p.Version + 1)).ToArray());
        cmd.Parameters.AddWithValue(archived);
        cmd.Parameters.AddWithValue(at);
        cmd.Parameters.AddWithValue(archived ? ProductArchiveSql.ArchivedEvent : ProductArchiveSql.RestoredEvent);
        cmd.Parameters.AddWithValue(source.Kind);
        cmd.Parameters.AddWithValue(source.Reference ?? "");
        var changed = (int)(await cmd.ExecuteScalarAsync(ct))!;
        return changed == products.Count
            ? changed
            : throw new InvalidOperationException($"{products.Count - changed} of {products.Count} locked products changed under the import.");
    }

    /// <summary>Reads (id, version) pairs of <paramref name="sql"/> with parameters <paramref name="args"/>.</summary>
    public static async Task<List<(Guid Id, int Version)>> SelectAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        foreach (var a in args)
        {
            cmd.Parameters.AddWithValue(a);
        }

        var rows = new List<(Guid, int)>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            rows.Add((r.GetGuid(0), r.GetInt32(1)));
        }

        return rows;
    }
}
