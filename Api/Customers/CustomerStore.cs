using Npgsql;
using NpgsqlTypes;

namespace CatalogHub.Api.Customers;

/// <summary>What selecting products did, or why it wrote nothing.</summary>
public sealed record SelectResult(bool CustomerFound, IReadOnlyList<Guid> UnknownProductIds, SelectionSummary? Summary);

/// <summary>One page of a customer's selections and the number of all that match.</summary>
public sealed record SelectionPage(long Total, IReadOnlyList<Selection> Items);

/// <summary>The <c>customers</c> and <c>customer_selections</c> tables (pushing is <see cref="PushStore"/>).</summary>
public sealed class CustomerStore(NpgsqlDataSource dataSource)
{
    /// <summary>Creates a customer.</summary>
    public async Task<Customer> CreateAsync(string name, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("INSERT INTO customers (id, name) VALUES ($1, $2) RETURNING created_at");
        var id = Guid.CreateVersion7();
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(name);
        var createdAt = (DateTime)(await cmd.ExecuteScalarAsync(ct))!;
        return new Customer(id, name, new DateTimeOffset(createdAt, TimeSpan.Zero));
    }

    /// <summary>All customers, by name.</summary>
    public Task<List<Customer>> ListAsync(CancellationToken ct = default) =>
        ReadCustomersAsync("SELECT id, name, created_at FROM customers ORDER BY name, id", null, ct);

    /// <summary>One customer, or null.</summary>
    public async Task<Customer?> GetAsync(Guid id, CancellationToken ct = default) =>
        (await ReadCustomersAsync("SELECT id, name, created_at FROM customers WHERE id = $1", id, ct)).SingleOrDefault();

    /// <summary>
    /// Selects products for a customer in one statement: when any id is not a product, nothing is written
    /// and the unknown ids come back; ids already selected keep their row (and status) as it is.
    /// </summary>
    public async Task<SelectResult> SelectAsync(Guid customerId, IReadOnlyList<Guid> productIds, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            WITH wanted AS (
                SELECT id, n FROM unnest($2::uuid[]) WITH ORDINALITY AS w(id, n)
            ), customer AS (
                SELECT id FROM customers WHERE id = $1
            ), unknown AS (
                SELECT w.id, w.n FROM wanted w WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.id = w.id)
            ), added AS (
                INSERT INTO customer_selections (customer_id, product_id)
                SELECT c.id, w.id FROM customer c, wanted w
                WHERE NOT EXISTS (SELECT 1 FROM unknown)
                ON CONFLICT (customer_id, product_id) DO NOTHING
                RETURNING product_id
            )
            SELECT EXISTS (SELECT 1 FROM customer),
                   ARRAY (SELECT id FROM unknown ORDER BY n),
                   (SELECT count(*) FROM added)
            """);
        cmd.Parameters.AddWithValue(customerId);
        cmd.Parameters.AddWithValue(productIds.ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var found = reader.GetBoolean(0);
        var unknown = reader.GetFieldValue<Guid[]>(1);
        var added = (int)reader.GetInt64(2);
        return !found || unknown.Length > 0
            ? new SelectResult(found, unknown, null)
            : new SelectResult(true, [], new SelectionSummary(added, productIds.Count - added));
    }

    /// <summary>A page of the customer's selections (oldest selection first), or null when the customer is unknown.</summary>
    public async Task<SelectionPage?> ListSelectionsAsync(Guid customerId, string? status, int skip, int limit, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var count = new NpgsqlBatchCommand("""
            SELECT EXISTS (SELECT 1 FROM customers WHERE id = $1),
                   (SELECT count(*) FROM customer_selections WHERE customer_id = $1 AND ($2::text IS NULL OR status = $2))
            """);
        var page = new NpgsqlBatchCommand("""
            SELECT s.product_id, p.product_name, s.status, p.version, s.pushed_version, s.selected_at, s.pushed_at, s.stale_at
            FROM customer_selections s JOIN products p ON p.id = s.product_id
            WHERE s.customer_id = $1 AND ($2::text IS NULL OR s.status = $2)
            ORDER BY s.selected_at, s.product_id
            OFFSET $3 LIMIT $4
            """);
        foreach (var command in new[] { count, page })
        {
            command.Parameters.AddWithValue(customerId);
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        }

        page.Parameters.AddWithValue(skip);
        page.Parameters.AddWithValue(limit);
        await using var batch = new NpgsqlBatch(conn) { BatchCommands = { count, page } };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        if (!reader.GetBoolean(0))
        {
            return null;
        }

        var total = reader.GetInt64(1);
        await reader.NextResultAsync(ct);
        var items = new List<Selection>();
        while (await reader.ReadAsync(ct))
        {
            items.Add(new Selection(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return new SelectionPage(total, items);
    }

    private async Task<List<Customer>> ReadCustomersAsync(string sql, Guid? id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        if (id is { } value)
        {
            cmd.Parameters.AddWithValue(value);
        }

        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var customers = new List<Customer>();
        while (await reader.ReadAsync(ct))
        {
            customers.Add(new Customer(reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return customers;
    }
}
