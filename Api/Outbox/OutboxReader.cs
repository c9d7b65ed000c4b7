using Npgsql;

namespace CatalogHub.Api.Outbox;

/// <summary>Reads the outbox for the admin API and puts failed events back in line.</summary>
public sealed class OutboxReader(NpgsqlDataSource dataSource)
{
    private const string Select = """
        SELECT o.seq, o.id, o.target, o.aggregate_type, o.aggregate_id, (o.payload ->> 'product_number')::bigint, o.event_type,
               CASE WHEN starts_with(o.catalog, 'store:') THEN substr(o.catalog, 7) END,
               CASE WHEN o.aggregate_type <> 'product' THEN NULL
                    WHEN o.source_kind <> 'ingest' THEN 'product.sync'
                    ELSE (SELECT CASE j.kind WHEN 'products' THEN 'product.sync' WHEN 'pos' THEN 'pos.sync' WHEN 'prices' THEN 'price' ELSE j.kind END
                          FROM ingest_jobs j WHERE j.id = o.source_ref::bigint) END,
               o.status, o.attempts, o.max_attempts, o.error_message, o.next_attempt_at, o.delivered_as, o.created_at, o.updated_at, o.processed_at
        FROM outbox_events o
        """;

    public async Task<(IReadOnlyList<AdminOutboxEvent> Events, int Total)> ListAsync(string[]? statuses, string? target, int limit, int offset, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        const string Where = "WHERE ($1::text[] IS NULL OR o.status = ANY ($1)) AND ($2::text IS NULL OR o.target = $2)";
        foreach (var sql in new[] { $"{Select} {Where} ORDER BY o.seq DESC LIMIT $3 OFFSET $4", $"SELECT count(*) FROM outbox_events o {Where}" })
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)statuses ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)target ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.AddWithValue(limit);
            command.Parameters.AddWithValue(offset);
            batch.BatchCommands.Add(command);
        }

        var events = new List<AdminOutboxEvent>();
        await using var reader = await batch.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            events.Add(Read(reader));
        }

        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        return (events, (int)reader.GetInt64(0));
    }

    public async Task<AdminOutboxEvent?> FindAsync(long id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"{Select} WHERE o.seq = $1");
        cmd.Parameters.AddWithValue(id);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>Puts a failed (or backing-off pending) event back in line with fresh attempts; false when it is processing or processed.</summary>
    public async Task<bool> RetryAsync(long id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            UPDATE outbox_events SET status = 'pending', attempts = 0, next_attempt_at = NULL, error_message = NULL, updated_at = now()
            WHERE seq = $1 AND status IN ('failed', 'pending')
            """);
        cmd.Parameters.AddWithValue(id);
        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    }

    /// <summary>Puts every failed event (of <paramref name="target"/>, or of all targets) back in line; the targets touched.</summary>
    public async Task<(int Retried, IReadOnlyList<string> Targets)> RetryFailedAsync(string? target, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            WITH r AS (
                UPDATE outbox_events SET status = 'pending', attempts = 0, next_attempt_at = NULL, error_message = NULL, updated_at = now()
                WHERE status = 'failed' AND target IS NOT NULL AND ($1::text IS NULL OR target = $1)
                RETURNING target
            )
            SELECT target, count(*) FROM r GROUP BY target
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)target ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var targets = new List<string>();
        var total = 0;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            targets.Add(reader.GetString(0));
            total += (int)reader.GetInt64(1);
        }

        return (total, targets);
    }

    /// <summary>Every target with open or failed events, or a configuration.</summary>
    public async Task<IReadOnlyList<OutboxTargetBacklog>> BacklogAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            WITH open AS (
                SELECT target, count(*) FILTER (WHERE status = 'pending') AS pending, count(*) FILTER (WHERE status = 'processing') AS processing,
                       min(created_at) FILTER (WHERE status = 'pending') AS oldest
                FROM outbox_events WHERE status IN ('pending', 'processing') AND target IS NOT NULL GROUP BY target
            ), failed AS (
                SELECT target, count(*) AS failed FROM outbox_events WHERE status = 'failed' AND target IS NOT NULL GROUP BY target
            ), t AS (
                SELECT target FROM open UNION SELECT target FROM failed UNION SELECT id FROM delivery_targets
            )
            SELECT t.target, d.kind, d.disabled_at, coalesce(o.pending, 0), coalesce(o.processing, 0), coalesce(f.failed, 0), o.oldest
            FROM t LEFT JOIN open o USING (target) LEFT JOIN failed f USING (target) LEFT JOIN delivery_targets d ON d.id = t.target
            ORDER BY t.target
            """);
        var rows = new List<OutboxTargetBacklog>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new OutboxTargetBacklog(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2), (int)reader.GetInt64(3), (int)reader.GetInt64(4),
                (int)reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return rows;
    }

    private static AdminOutboxEvent Read(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetGuid(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), r.GetGuid(4),
        r.IsDBNull(5) ? null : r.GetInt64(5), r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8),
        r.GetString(9), r.GetInt32(10), r.GetInt32(11), r.IsDBNull(12) ? null : r.GetString(12),
        r.IsDBNull(13) ? null : r.GetFieldValue<DateTimeOffset>(13), r.IsDBNull(14) ? null : r.GetGuid(14),
        r.GetFieldValue<DateTimeOffset>(15), r.GetFieldValue<DateTimeOffset>(16), r.IsDBNull(17) ? null : r.GetFieldValue<DateTimeOffset>(17));
}
