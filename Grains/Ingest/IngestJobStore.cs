using CatalogHub.Grains.Callbacks;
using Npgsql;
using NpgsqlTypes;

namespace CatalogHub.Grains.Ingest;

/// <summary>
/// The job grain's side of <c>ingest_jobs</c> (the API creates the row): the spec and checkpoint a resumed job
/// continues from, each chunk's results recorded with the counters and checkpoint in one transaction (a result
/// row per entry, never two: a chunk recorded again after a crash adds nothing), and the end of the job with its
/// completion callback, in one transaction.
/// </summary>
public sealed class IngestJobStore(NpgsqlDataSource dataSource, JobCallbackWriter callbacks)
{
    private const string Record = """
        WITH ins AS (
            INSERT INTO ingest_results (job_id, row_number, entry_id, status, action, product_id, variant_ids,
                                        error_type, error_message, error_field, data)
            SELECT $1, x.row_number, x.entry_id, x.status, x.action, x.product_id, x.variant_ids::bigint[],
                   x.error_type, x.error_message, x.error_field, x.data
            FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[],
                        $9::text[], $10::text[], $11::jsonb[])
                 AS x(row_number, entry_id, status, action, product_id, variant_ids, error_type, error_message,
                      error_field, data)
            ON CONFLICT (job_id, row_number) DO NOTHING
            RETURNING status, action
        )
        UPDATE ingest_jobs SET
            checkpoint = greatest(checkpoint, $12),
            succeeded = succeeded + (SELECT count(*) FROM ins WHERE status = 'success'),
            created = created + (SELECT count(*) FROM ins WHERE action = 'created'),
            updated = updated + (SELECT count(*) FROM ins WHERE action = 'updated'),
            unchanged = unchanged + (SELECT count(*) FROM ins WHERE action = 'unchanged'),
            errors = errors + (SELECT count(*) FROM ins WHERE status = 'error'),
            status = 'processing', updated_at = now()
        WHERE id = $1
        """;

    private const string Complete = """
        UPDATE ingest_jobs SET
            status = CASE WHEN errors = 0 THEN 'completed' WHEN succeeded = 0 THEN 'failed' ELSE 'completed_with_errors' END,
            completed_at = coalesce(completed_at, now()), updated_at = now()
        WHERE id = $1
        RETURNING status, total, succeeded, created, updated, errors, callback_url IS NOT NULL
        """;

    public async Task<IngestJobRow?> LoadAsync(long jobId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("SELECT kind, store_number, total, options::text, status, checkpoint FROM ingest_jobs WHERE id = $1");
        cmd.Parameters.AddWithValue(jobId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var spec = IngestJobSpecJson.FromRow(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt32(2), reader.GetString(3));
        return new IngestJobRow(jobId, spec, reader.GetString(4), reader.GetInt32(5));
    }

    /// <summary>The stored request body of an async job, or null when it is gone (the job ended).</summary>
    public async Task<byte[]?> PayloadAsync(long jobId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("SELECT body FROM ingest_payloads WHERE job_id = $1");
        cmd.Parameters.AddWithValue(jobId);
        return await cmd.ExecuteScalarAsync(ct) as byte[];
    }

    /// <summary>Records the results of entries up to <paramref name="checkpoint"/> (1-based, inclusive).</summary>
    public async Task RecordAsync(long jobId, IReadOnlyList<EntryOutcome> outcomes, int checkpoint, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(Record);
        var ps = cmd.Parameters;
        ps.AddWithValue(jobId);
        ps.AddWithValue(outcomes.Select(o => o.Row).ToArray());
        ps.AddWithValue(outcomes.Select(o => o.EntryId).ToArray());
        ps.AddWithValue(outcomes.Select(o => o.Failed ? "error" : "success").ToArray());
        Add(ps, outcomes.Select(o => Action(o.Outcome)).ToArray(), NpgsqlDbType.Text);
        Add(ps, outcomes.Select(o => o.ProductNumber).ToArray(), NpgsqlDbType.Bigint);
        Add(ps, outcomes.Select(o => o.VariantNumbers is { } v ? "{" + string.Join(',', v) + "}" : null).ToArray(), NpgsqlDbType.Text);
        Add(ps, outcomes.Select(o => o.Error is { } e ? e.Type.ToString().ToLowerInvariant() : null).ToArray(), NpgsqlDbType.Text);
        Add(ps, outcomes.Select(o => o.Error?.Message).ToArray(), NpgsqlDbType.Text);
        Add(ps, outcomes.Select(o => o.Error?.Field).ToArray(), NpgsqlDbType.Text);
        Add(ps, outcomes.Select(o => o.Failed ? o.Data : null).ToArray(), NpgsqlDbType.Jsonb);
        ps.AddWithValue(checkpoint);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Ends the job (its status from its counters), drops what only a running job needs and writes its callback.</summary>
    public async Task<IngestJobState> CompleteAsync(long jobId, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        IngestJobState state;
        bool callsBack;
        await using (var batch = new NpgsqlBatch(conn, tx))
        {
            batch.BatchCommands.Add(Command(Complete, jobId));
            batch.BatchCommands.Add(Command("DELETE FROM ingest_payloads WHERE job_id = $1", jobId));
            batch.BatchCommands.Add(Command("DELETE FROM ingest_receipts WHERE job_id = $1", jobId));
            await using var reader = await batch.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                throw new InvalidOperationException($"Ingestion job {jobId} does not exist.");
            }

            state = new IngestJobState(jobId, reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5));
            callsBack = reader.GetBoolean(6);
        }

        if (callsBack)
        {
            await callbacks.WriteAsync(CallbackJobKind.IngestJob, JobId(jobId), tx, ct);
        }

        await tx.CommitAsync(ct);
        return state;
    }

    /// <summary>A job that cannot go on (its body is gone or unreadable): failed with a message, results so far kept, its callback written.</summary>
    public async Task FailAsync(long jobId, string message, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            UPDATE ingest_jobs SET status = 'failed', error_message = $2, completed_at = coalesce(completed_at, now()), updated_at = now()
            WHERE id = $1 AND status IN ('pending', 'processing')
            """, conn, tx);
        cmd.Parameters.AddWithValue(jobId);
        cmd.Parameters.AddWithValue(message);
        if (await cmd.ExecuteNonQueryAsync(ct) == 1)
        {
            await callbacks.WriteAsync(CallbackJobKind.IngestJob, JobId(jobId), tx, ct);
        }

        await tx.CommitAsync(ct);
    }

    private static string JobId(long jobId) => jobId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string? Action(CommandOutcome outcome) => outcome switch
    {
        CommandOutcome.Created => "created",
        CommandOutcome.Updated => "updated",
        CommandOutcome.Unchanged => "unchanged",
        _ => null,
    };

    private static NpgsqlBatchCommand Command(string sql, long jobId) =>
        new(sql) { Parameters = { new NpgsqlParameter<long> { TypedValue = jobId } } };

    private static void Add(NpgsqlParameterCollection ps, object value, NpgsqlDbType elementType) =>
        ps.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = NpgsqlDbType.Array | elementType });
}
