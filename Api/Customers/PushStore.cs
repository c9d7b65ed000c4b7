using CatalogHub.Grains.Catalog;
using Npgsql;
using NpgsqlTypes;

namespace CatalogHub.Api.Customers;

/// <summary>The outcome of a push: the summary, or why nothing was written.</summary>
public sealed record PushResult(bool CustomerFound, IReadOnlyList<Guid> NotSelected, PushSummary? Summary);

/// <summary>
/// Pushes a customer's selections, in one transaction: the selections become <c>pushed</c> (with the time and
/// the product version), and each product gets a <c>product_push_log</c> row and a <c>product.pushed</c>
/// outbox event. The products are locked FOR SHARE first, so their versions cannot change until the push
/// commits; a product write that waits for them then sees the pushed selections and flips them to stale
/// (see <c>ProductBatchWriter</c>). Only <c>selected</c> and <c>stale</c> selections are pushed: a
/// <c>pushed</c> one is current already, and two pushes at once push each product once.
/// </summary>
public sealed class PushStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Attempts when PostgreSQL rolls the push back as a deadlock victim or serialization failure. Group commits
    /// lock products in the same id order and so cannot deadlock with a push; other writers might.
    /// </summary>
    private const int MaxAttempts = 3;

    /// <summary>The stable id of the outbox event for pushing one version of a product to one customer.</summary>
    public static Guid EventId(Guid customerId, Guid productId, int version) =>
        NameBasedGuid.Create(productId, $"push\n{customerId:N}\n{version}");

    /// <summary>Pushes every selected or stale product of the customer, or those of <paramref name="productIds"/>.</summary>
    public async Task<PushResult> PushAsync(Guid customerId, IReadOnlyList<Guid>? productIds, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await PushOnceAsync(customerId, productIds, ct);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && attempt < MaxAttempts)
            {
                // Rolled back as a whole; try again after a short, jittered pause that lets the winner take its rows.
                await Task.Delay(TimeSpan.FromMilliseconds(attempt * Random.Shared.Next(50, 101)), ct);
            }
        }
    }

    private async Task<PushResult> PushOnceAsync(Guid customerId, IReadOnlyList<Guid>? productIds, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var subset = new NpgsqlParameter { Value = (object?)productIds?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid };

        await using (var check = new NpgsqlCommand("""
            SELECT EXISTS (SELECT 1 FROM customers WHERE id = $1),
                   ARRAY (SELECT u.id FROM unnest($2::uuid[]) WITH ORDINALITY AS u(id, n)
                          WHERE NOT EXISTS (SELECT 1 FROM customer_selections s WHERE s.customer_id = $1 AND s.product_id = u.id)
                          ORDER BY u.n)
            """, conn, tx))
        {
            check.Parameters.AddWithValue(customerId);
            check.Parameters.Add(subset.Clone());
            await using var reader = await check.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            if (!reader.GetBoolean(0))
            {
                return new PushResult(false, [], null);
            }

            if (reader.GetFieldValue<Guid[]>(1) is { Length: > 0 } notSelected)
            {
                return new PushResult(true, notSelected, null);
            }
        }

        var products = new List<(Guid Id, int Version)>();
        await using (var lockProducts = new NpgsqlCommand("""
            SELECT p.id, p.version
            FROM customer_selections s JOIN products p ON p.id = s.product_id
            WHERE s.customer_id = $1 AND s.status IN ('selected', 'stale') AND ($2::uuid[] IS NULL OR s.product_id = ANY ($2))
            ORDER BY p.id
            FOR SHARE OF p
            """, conn, tx))
        {
            lockProducts.Parameters.AddWithValue(customerId);
            lockProducts.Parameters.Add(subset.Clone());
            await using var reader = await lockProducts.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                products.Add((reader.GetGuid(0), reader.GetInt32(1)));
            }
        }

        if (products.Count > 0)
        {
            await LockSelectionsAsync(conn, tx, customerId, products, ct);
        }

        var pushed = products.Count == 0 ? [] : await MarkAsync(conn, tx, customerId, products, ct);
        await tx.CommitAsync(ct);
        return new PushResult(true, [], new PushSummary(customerId, pushed.Count, pushed.Count == 0 ? null : pushed[0].At,
            [.. pushed.Select(p => new PushedProduct(p.ProductId, p.Version, EventId(customerId, p.ProductId, p.Version)))]));
    }

    /// <summary>
    /// Locks the selections about to be pushed, in product id order, before changing them: two pushes for one
    /// customer then queue on the first selection instead of locking rows in plan order and deadlocking, and
    /// the second sees the first's selections as <c>pushed</c> and skips them. Product writes take these rows
    /// only while holding the product row (the stale flip), which this push holds FOR SHARE, so they never wait
    /// on each other here.
    /// </summary>
    private static async Task LockSelectionsAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, Guid customerId, List<(Guid Id, int Version)> products, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT product_id FROM customer_selections
            WHERE customer_id = $1 AND product_id = ANY ($2) AND status IN ('selected', 'stale')
            ORDER BY product_id
            FOR UPDATE
            """, conn, tx);
        cmd.Parameters.AddWithValue(customerId);
        cmd.Parameters.AddWithValue(products.Select(p => p.Id).ToArray());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// One statement: selections → pushed, a push-log row and an outbox event per product. When the customer has a
    /// delivery target the selections are <c>pushing</c> instead, until the dispatcher delivered the event.
    /// </summary>
    private static async Task<List<(Guid ProductId, int Version, DateTimeOffset At)>> MarkAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, Guid customerId, List<(Guid Id, int Version)> products, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            WITH x AS (
                SELECT * FROM unnest($2::uuid[], $3::int[], $4::uuid[]) AS x(product_id, version, event_id)
            ), s AS (
                UPDATE customer_selections cs
                SET status = CASE WHEN EXISTS (SELECT 1 FROM delivery_targets t WHERE t.id = 'customer:' || $1::text) THEN 'pushing' ELSE 'pushed' END,
                    pushed_at = now(), pushed_version = x.version, stale_at = NULL
                FROM x
                WHERE cs.customer_id = $1 AND cs.product_id = x.product_id AND cs.status IN ('selected', 'stale')
                RETURNING cs.product_id, x.version, x.event_id, cs.pushed_at
            ), l AS (
                INSERT INTO product_push_log (customer_id, product_id, product_version, pushed_at)
                SELECT $1, s.product_id, s.version, s.pushed_at FROM s
            ), e AS (
                INSERT INTO outbox_events (id, catalog, aggregate_type, aggregate_id, aggregate_version, event_type,
                                           source_kind, source_ref, payload)
                SELECT s.event_id, p.catalog, 'product', p.id, s.version, 'product.pushed', 'admin', $1::text,
                       jsonb_build_object('customer_id', $1::uuid, 'product_id', p.id, 'product_number', p.number,
                                          'version', s.version, 'catalog', p.catalog, 'key', p.key)
                FROM s JOIN products p ON p.id = s.product_id
                ON CONFLICT (id) DO NOTHING
            )
            SELECT product_id, version, pushed_at FROM s ORDER BY product_id
            """, conn, tx);
        cmd.Parameters.AddWithValue(customerId);
        cmd.Parameters.AddWithValue(products.Select(p => p.Id).ToArray());
        cmd.Parameters.AddWithValue(products.Select(p => p.Version).ToArray());
        cmd.Parameters.AddWithValue(products.Select(p => EventId(customerId, p.Id, p.Version)).ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var pushed = new List<(Guid, int, DateTimeOffset)>();
        while (await reader.ReadAsync(ct))
        {
            pushed.Add((reader.GetGuid(0), reader.GetInt32(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return pushed;
    }
}
