using CatalogHub.Grains.Catalog;
using Npgsql;

namespace CatalogHub.Api.Ingest;

/// <summary>An ingestion job as the API reads it.</summary>
public sealed record JobRow(
    long Id,
    string Kind,
    string? StoreNumber,
    long? StoreId,
    Guid? ApiKeyId,
    string? IdempotencyKey,
    bool IsAsync,
    string Status,
    int Total,
    int Succeeded,
    int Created,
    int Updated,
    int Errors,
    string? ErrorMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt);

/// <summary>One entry's stored result.</summary>
public sealed record ResultRow(
    long Id,
    int Row,
    string? EntryId,
    string Status,
    string? Action,
    long? ProductId,
    long[]? VariantIds,
    string? ErrorType,
    string? ErrorMessage,
    string? ErrorField,
    string? Data,
    DateTimeOffset CreatedAt);

/// <summary>Reads ingestion jobs, their results in submission order and their outbox events (the query surfaces of seed 002).</summary>
public sealed class IngestJobReader(NpgsqlDataSource dataSource)
{
    private const string Job = """
        SELECT id, kind, store_number, store_id, api_key_id, idempotency_key, is_async, status, total, succeeded,
               created, updated, errors, error_message, created_at, updated_at, completed_at
        FROM ingest_jobs WHERE id = $1
        """;

    private const string Results = """
        SELECT id, row_number, entry_id, status, action, product_id, variant_ids, error_type, error_message, error_field,
               data::text, created_at, count(*) OVER ()
        FROM ingest_results WHERE job_id = $1 AND ($2::text IS NULL OR status = $2)
        ORDER BY row_number LIMIT $3 OFFSET $4
        """;

    // The event's store is its product's (catalog store:{number}): a prices job has no store of its own, and its
    // entries may name several.
    private const string Outbox = """
        SELECT o.seq, (o.payload ->> 'product_number')::bigint, o.aggregate_type, o.event_type,
               coalesce(CASE WHEN starts_with(o.catalog, $5) THEN substr(o.catalog, length($5) + 1) END, j.store_number), j.kind,
               o.status, o.attempts, o.max_attempts, o.error_message, o.created_at, o.updated_at, o.processed_at, count(*) OVER ()
        FROM outbox_events o JOIN ingest_jobs j ON j.id = $1
        WHERE o.source_kind = 'ingest' AND o.source_ref = $1::text AND ($2::text[] IS NULL OR o.status = ANY ($2))
        ORDER BY o.seq LIMIT $3 OFFSET $4
        """;

    public async Task<JobRow?> FindAsync(long id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(Job);
        return await FindAsync(cmd, id, ct);
    }

    /// <summary>The job as <paramref name="tx"/> sees it (a callback's payload, read where the job's end is written).</summary>
    public static async Task<JobRow?> FindAsync(long id, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(Job, tx.Connection, tx);
        return await FindAsync(cmd, id, ct);
    }

    private static async Task<JobRow?> FindAsync(NpgsqlCommand cmd, long id, CancellationToken ct)
    {
        cmd.Parameters.AddWithValue(id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return !await r.ReadAsync(ct) ? null : new JobRow(
            r.GetInt64(0), r.GetString(1), Text(r, 2), r.IsDBNull(3) ? null : r.GetInt64(3), r.IsDBNull(4) ? null : r.GetGuid(4), Text(r, 5),
            r.GetBoolean(6), r.GetString(7), r.GetInt32(8), r.GetInt32(9), r.GetInt32(10), r.GetInt32(11), r.GetInt32(12), Text(r, 13),
            r.GetFieldValue<DateTimeOffset>(14), r.GetFieldValue<DateTimeOffset>(15), r.IsDBNull(16) ? null : r.GetFieldValue<DateTimeOffset>(16));
    }

    /// <summary>A page of results (all statuses when <paramref name="status"/> is null) and how many match.</summary>
    public async Task<(IReadOnlyList<ResultRow> Rows, int Total)> ResultsAsync(long id, string? status, int limit, int offset, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(Results);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = status, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.AddWithValue(limit);
        cmd.Parameters.AddWithValue(offset);
        var rows = new List<ResultRow>();
        var total = -1;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            rows.Add(new ResultRow(
                r.GetInt64(0), r.GetInt32(1), Text(r, 2), r.GetString(3), Text(r, 4), r.IsDBNull(5) ? null : r.GetInt64(5),
                r.IsDBNull(6) ? null : r.GetFieldValue<long[]>(6), Text(r, 7), Text(r, 8), Text(r, 9), Text(r, 10), r.GetFieldValue<DateTimeOffset>(11)));
            total = (int)r.GetInt64(12);
        }

        // Past the last page the window count is not there: count on its own.
        return (rows, total >= 0 ? total : await CountAsync(id, status, ct));
    }

    /// <summary>The job's events in the outbox, with their product's store and the kind of the job (seed 002's sync_operation).</summary>
    public async Task<(IReadOnlyList<OutboxEventBody> Events, int Total)> OutboxAsync(long id, string[]? statuses, int limit, int offset, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(Outbox);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.Add(new NpgsqlParameter<string[]?> { TypedValue = statuses, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.AddWithValue(limit);
        cmd.Parameters.AddWithValue(offset);
        cmd.Parameters.AddWithValue(ProductKey.StoreCatalog(""));
        var events = new List<OutboxEventBody>();
        var total = 0;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            events.Add(new OutboxEventBody(
                r.GetInt64(0), r.IsDBNull(1) ? 0 : r.GetInt64(1), r.GetString(2), r.GetString(3) == "product.created" ? "create" : "update",
                Text(r, 4), SyncOperation(r.GetString(5)), r.GetString(6), r.GetInt32(7), r.GetInt32(8), Text(r, 9),
                r.GetFieldValue<DateTimeOffset>(10), r.GetFieldValue<DateTimeOffset>(11), r.IsDBNull(12) ? null : r.GetFieldValue<DateTimeOffset>(12)));
            total = (int)r.GetInt64(13);
        }

        return (events, total);
    }

    /// <summary>Failed outbox deliveries of the job's changes (seed 002's sync_errors).</summary>
    public async Task<int> SyncErrorsAsync(long id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT count(*) FROM outbox_events WHERE source_kind = 'ingest' AND source_ref = $1::text AND status = 'failed'");
        cmd.Parameters.AddWithValue(id);
        return (int)(long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Seed 002's sync_operation of an ingestion kind.</summary>
    public static string SyncOperation(string kind) => kind switch
    {
        "products" => "product.sync",
        "pos" => "pos.sync",
        "inventory" => "inventory",
        _ => "price",
    };

    private async Task<int> CountAsync(long id, string? status, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT count(*) FROM ingest_results WHERE job_id = $1 AND ($2::text IS NULL OR status = $2)");
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = status, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return (int)(long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static string? Text(NpgsqlDataReader r, int column) => r.IsDBNull(column) ? null : r.GetString(column);
}
