using CatalogHub.Grains.Catalog;
using Npgsql;

namespace CatalogHub.Grains.SyncJobs;

/// <summary>
/// Discontinues the products of a supplier catalog that a complete full_sellable job did not discover, and
/// reinstates discontinued products a job stored again. Not through product grains: a job can touch
/// thousands of products that no source sent, so it is one transaction per job — a locking read of the
/// products whose flag changes, then one statement that updates them (version + 1), inserts their outbox
/// events and flips their pushed selections to stale. Product grains holding an older version get a
/// version conflict on their next write, reload and re-apply, as with any other writer.
/// </summary>
public sealed class CatalogPresence(NpgsqlDataSource dataSource)
{
    private const string Candidates = """
        SELECT p.id, p.version, p.discontinued_at IS NULL AS discontinue
        FROM products p
        WHERE p.catalog = $1 AND (
              ($3 AND p.discontinued_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM sync_job_refs r WHERE r.job_id = $2 AND r.supplier_sku = p.key))
           OR (p.discontinued_at IS NOT NULL
                  AND EXISTS (SELECT 1 FROM sync_job_refs r WHERE r.job_id = $2 AND r.supplier_sku = p.key AND r.state = 'done')))
        ORDER BY p.id
        FOR UPDATE OF p
        """;

    private const string Apply = """
        WITH x AS (
            SELECT * FROM unnest($1::uuid[], $2::int[], $3::bool[], $4::uuid[]) AS x(id, version, discontinue, event_id)
        ), p AS (
            UPDATE products p SET discontinued_at = CASE WHEN x.discontinue THEN $5 END, version = p.version + 1, updated_at = $5
            FROM x WHERE p.id = x.id AND p.version = x.version
            RETURNING p.id, p.number, p.version, p.catalog, p.key, x.discontinue, x.event_id
        ), e AS (
            INSERT INTO outbox_events (id, catalog, aggregate_type, aggregate_id, aggregate_version, event_type,
                                       source_kind, source_ref, payload)
            SELECT p.event_id, p.catalog, 'product', p.id, p.version,
                   CASE WHEN p.discontinue THEN 'product.discontinued' ELSE 'product.reinstated' END, 'sync', $6,
                   jsonb_build_object('product_id', p.id, 'product_number', p.number, 'version', p.version,
                                      'catalog', p.catalog, 'key', p.key)
            FROM p
        ), s AS (
            UPDATE customer_selections cs SET status = 'stale', stale_at = $5
            FROM p WHERE cs.product_id = p.id AND cs.status IN ('pushed', 'pushing')
        )
        SELECT count(*) FILTER (WHERE discontinue), count(*) FILTER (WHERE NOT discontinue) FROM p
        """;

    /// <summary>
    /// Reinstates products this job stored that were discontinued, and with <paramref name="discontinueMissing"/>
    /// discontinues the catalog's products the job did not discover. Returns (discontinued, reinstated).
    /// </summary>
    public async Task<(long Discontinued, long Reinstated)> ApplyAsync(
        Guid jobId, Guid supplierId, bool discontinueMissing, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var ids = new List<Guid>();
        var versions = new List<int>();
        var discontinue = new List<bool>();
        await using (var read = new NpgsqlCommand(Candidates, conn, tx))
        {
            read.Parameters.AddWithValue(ProductKey.SupplierCatalog(supplierId));
            read.Parameters.AddWithValue(jobId);
            read.Parameters.AddWithValue(discontinueMissing);
            await using var r = await read.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                ids.Add(r.GetGuid(0));
                versions.Add(r.GetInt32(1));
                discontinue.Add(r.GetBoolean(2));
            }
        }

        if (ids.Count == 0)
        {
            return (0, 0);
        }

        (long, long) counts;
        await using (var apply = new NpgsqlCommand(Apply, conn, tx))
        {
            apply.Parameters.AddWithValue(ids.ToArray());
            apply.Parameters.AddWithValue(versions.ToArray());
            apply.Parameters.AddWithValue(discontinue.ToArray());
            apply.Parameters.AddWithValue(ids.Select((id, i) => NameBasedGuid.ProductEvent(id, versions[i] + 1)).ToArray());
            apply.Parameters.AddWithValue(at);
            apply.Parameters.AddWithValue(jobId.ToString());
            await using var r = await apply.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            counts = (r.GetInt64(0), r.GetInt64(1));
        }

        await tx.CommitAsync(ct);
        return counts;
    }
}
