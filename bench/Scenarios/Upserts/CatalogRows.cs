using Npgsql;

namespace CatalogHub.Bench.Scenarios.Upserts;

/// <summary>What a case left in the catalog tables, read exactly (counts and a fingerprint of row versions).</summary>
public static class CatalogRows
{
    /// <summary>Products, variants and outbox events of <paramref name="catalog"/>.</summary>
    public static async Task<(long Products, long Variants, long Events)> CountAsync(NpgsqlDataSource db, string catalog)
    {
        await using var cmd = db.CreateCommand("""
            SELECT (SELECT count(*) FROM products WHERE catalog = $1),
                   (SELECT count(*) FROM variants WHERE catalog = $1),
                   (SELECT count(*) FROM outbox_events WHERE catalog = $1)
            """);
        cmd.Parameters.AddWithValue(catalog);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>
    /// A fingerprint of the physical row versions (<c>xmin</c>, <c>ctid</c>) of the catalog's products and
    /// variants: any write of a row, even an identical one, changes it.
    /// </summary>
    public static async Task<string> FingerprintAsync(NpgsqlDataSource db, string catalog)
    {
        await using var cmd = db.CreateCommand("""
            SELECT md5(coalesce((SELECT string_agg(xmin::text || ctid::text, ',' ORDER BY id) FROM products WHERE catalog = $1), '')
                    || coalesce((SELECT string_agg(xmin::text || ctid::text, ',' ORDER BY id) FROM variants WHERE catalog = $1), ''))
            """);
        cmd.Parameters.AddWithValue(catalog);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>The current transaction id: rows written after this have a newer <c>xmin</c> (<see cref="WrittenSinceAsync"/>).</summary>
    public static async Task<long> TransactionIdAsync(NpgsqlDataSource db) =>
        (long)(await db.CreateCommand("SELECT txid_current()").ExecuteScalarAsync())!;

    /// <summary>
    /// Row versions of the catalog's products, variants and outbox events created by transactions after
    /// <paramref name="transactionId"/> (inserts and updates, exactly; the bench's database is far from wraparound).
    /// </summary>
    public static async Task<long> WrittenSinceAsync(NpgsqlDataSource db, string catalog, long transactionId)
    {
        await using var cmd = db.CreateCommand("""
            SELECT (SELECT count(*) FROM products WHERE catalog = $1 AND xmin::text::bigint > $2)
                 + (SELECT count(*) FROM variants WHERE catalog = $1 AND xmin::text::bigint > $2)
                 + (SELECT count(*) FROM outbox_events WHERE catalog = $1 AND xmin::text::bigint > $2)
            """);
        cmd.Parameters.AddWithValue(catalog);
        cmd.Parameters.AddWithValue(transactionId);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Rows inserted, updated and deleted in the catalog tables so far (pg_stat_user_tables), once the
    /// counters stop moving: backends report their counts when idle, up to some seconds late.
    /// </summary>
    public static async Task<long> TableWritesAsync(NpgsqlDataSource db, TimeSpan quiet)
    {
        long last = -1;
        var stableSince = DateTime.UtcNow;
        while (true)
        {
            await using var cmd = db.CreateCommand("""
                SELECT pg_stat_clear_snapshot(), (SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::bigint
                FROM pg_stat_user_tables WHERE relname IN ('products', 'variants', 'outbox_events', 'customer_selections'))
                """);
            await using var reader = await cmd.ExecuteReaderAsync();
            await reader.ReadAsync();
            var now = reader.GetInt64(1);
            if (now != last)
            {
                last = now;
                stableSince = DateTime.UtcNow;
            }
            else if (DateTime.UtcNow - stableSince >= quiet)
            {
                return now;
            }

            await Task.Delay(500);
        }
    }
}
