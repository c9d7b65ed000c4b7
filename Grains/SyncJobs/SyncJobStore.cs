using CatalogHub.Grains.Callbacks;
using CatalogHub.Grains.Suppliers;
using Npgsql;
using NpgsqlTypes;

namespace CatalogHub.Grains.SyncJobs;

/// <summary>
/// The <c>sync_jobs</c> rows and their checkpoint (<c>sync_job_refs</c>), written by the job's grain and
/// engine only. Markers and counters are written in one statement, counting only refs that were still
/// pending, so the counters equal the markers even if a write were repeated.
/// </summary>
public sealed class SyncJobStore(NpgsqlDataSource dataSource, JobCallbackWriter callbacks)
{
    private const string Flush = """
        WITH x AS (
            SELECT * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::jsonb[]) AS x(position, state, outcome, code, error)
        ), u AS (
            UPDATE sync_job_refs r SET state = x.state, outcome = x.outcome, error_code = x.code
            FROM x WHERE r.job_id = $1 AND r.position = x.position AND r.state = 'pending'
            RETURNING r.position, r.state
        ), c AS (
            SELECT count(*) FILTER (WHERE u.state = 'done') AS done, count(*) FILTER (WHERE u.state = 'failed') AS failed,
                   coalesce(jsonb_agg(x.error ORDER BY x.position) FILTER (WHERE x.error IS NOT NULL), '[]') AS errs
            FROM u JOIN x USING (position)
        )
        UPDATE sync_jobs j SET success_count = success_count + c.done, failed_count = failed_count + c.failed,
            records_processed = records_processed + c.done,
            errors = CASE WHEN jsonb_array_length(j.errors) >= $7 THEN j.errors ELSE j.errors || c.errs END,
            updated_at = now()
        FROM c WHERE j.id = $1
        RETURNING j.success_count, j.failed_count
        """;

    /// <summary>Inserts the pending job; a repeated start of the same id changes nothing.</summary>
    public async Task InsertAsync(Guid id, SyncJobSpec spec, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO sync_jobs (id, supplier_id, supplier_name, job_type, discovery_mode, limit_count, explicit_list, changed_since,
                                   callback_url, api_key_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING
            """);
        var mode = spec.Request.Mode.Name();
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(spec.SupplierId);
        cmd.Parameters.AddWithValue(spec.SupplierName);
        cmd.Parameters.AddWithValue($"import:{mode}");
        cmd.Parameters.AddWithValue(mode);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)spec.Request.Limit ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)spec.Request.ExplicitList?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)spec.ChangedSince ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)spec.Request.Callback?.Url ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)spec.Request.Callback?.ApiKeyId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<SyncJobRow?> LoadAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT id, supplier_id, discovery_mode, limit_count, explicit_list, changed_since, status, discovered,
                   cancel_requested, total_products, success_count, failed_count, started_at
            FROM sync_jobs WHERE id = $1
            """);
        cmd.Parameters.AddWithValue(id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
        {
            return null;
        }

        if (!DiscoveryModes.TryParse(r.GetString(2), out var mode))
        {
            throw new InvalidOperationException($"Sync job {id} has an unknown discovery mode '{r.GetString(2)}'.");
        }

        return new SyncJobRow(
            r.GetGuid(0), r.GetGuid(1), mode, r.IsDBNull(3) ? null : r.GetInt32(3), r.IsDBNull(4) ? null : r.GetFieldValue<string[]>(4),
            r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5), r.GetString(6), r.GetBoolean(7), r.GetBoolean(8),
            r.GetInt32(9), r.GetInt32(10), r.GetInt32(11), r.GetFieldValue<DateTimeOffset>(12));
    }

    /// <summary>pending (or running, on resume) → running on <paramref name="silo"/>.</summary>
    public Task MarkRunningAsync(Guid id, string silo, CancellationToken ct = default) => ExecuteAsync(
        "UPDATE sync_jobs SET status = 'running', running_on = $2, updated_at = now() WHERE id = $1 AND status IN ('pending', 'running')",
        ct, id, silo);

    /// <summary>The discovery checkpoint: every ref in order, and total_products, in one transaction.</summary>
    public async Task SaveRefsAsync(Guid id, IReadOnlyList<ProductRef> refs, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO sync_job_refs (job_id, position, supplier_sku, part_id)
            SELECT $1, x.i - 1, x.sku, x.part FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS x(sku, part, i)
            ON CONFLICT DO NOTHING
            """, conn, tx))
        {
            insert.Parameters.AddWithValue(id);
            insert.Parameters.AddWithValue(refs.Select(r => r.SupplierSku).ToArray());
            insert.Parameters.Add(new NpgsqlParameter { Value = refs.Select(r => r.PartId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            await insert.ExecuteNonQueryAsync(ct);
        }

        await using (var job = new NpgsqlCommand(
            "UPDATE sync_jobs SET total_products = $2, discovered = true, updated_at = now() WHERE id = $1", conn, tx))
        {
            job.Parameters.AddWithValue(id);
            job.Parameters.AddWithValue(refs.Count);
            await job.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>The refs not yet done, in discovery order.</summary>
    public async Task<IReadOnlyList<PendingRef>> PendingRefsAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT position, supplier_sku, part_id FROM sync_job_refs WHERE job_id = $1 AND state = 'pending' ORDER BY position");
        cmd.Parameters.AddWithValue(id);
        var refs = new List<PendingRef>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            refs.Add(new PendingRef(r.GetInt32(0), new ProductRef(r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2))));
        }

        return refs;
    }

    /// <summary>Marks the start of hydration (or its resumption): the base of the ETA.</summary>
    public Task BeginHydrateAsync(Guid id, CancellationToken ct = default) => ExecuteAsync(
        "UPDATE sync_jobs SET hydrate_started_at = now(), hydrate_started_processed = success_count + failed_count WHERE id = $1", ct, id);

    /// <summary>Writes markers and their counters; returns the job's counters after it.</summary>
    public async Task<(int Success, int Failed)> FlushAsync(Guid id, IReadOnlyList<RefMarker> markers, int maxErrors, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(Flush);
        var ps = cmd.Parameters;
        ps.AddWithValue(id);
        ps.AddWithValue(markers.Select(m => m.Position).ToArray());
        ps.AddWithValue(markers.Select(m => m.Done ? "done" : "failed").ToArray());
        ps.Add(new NpgsqlParameter { Value = markers.Select(m => m.Outcome).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        ps.Add(new NpgsqlParameter { Value = markers.Select(m => m.Error?.Code).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        ps.Add(new NpgsqlParameter { Value = markers.Select(m => m.Error?.ToJson()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        ps.AddWithValue(maxErrors);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? (r.GetInt32(0), r.GetInt32(1)) : (0, 0);
    }

    /// <summary>Records a cancel request (a resumed job sees it); false when the job is not active.</summary>
    public async Task<bool> RequestCancelAsync(Guid id, CancellationToken ct = default) => await ExecuteAsync(
        "UPDATE sync_jobs SET cancel_requested = true, updated_at = now() WHERE id = $1 AND status IN ('pending', 'running')", ct, id) > 0;

    /// <summary>
    /// Ends an active job with <paramref name="status"/>, and writes its completion callback (if it has one) in the same
    /// transaction; null when it was not active any more.
    /// </summary>
    public async Task<DateTimeOffset?> FinalizeAsync(SyncJobRow job, string status, IReadOnlyList<SyncError> errors, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            UPDATE sync_jobs SET status = $2, completed_at = now(), errors = errors || $3::jsonb, updated_at = now()
            WHERE id = $1 AND status IN ('pending', 'running')
            RETURNING started_at
            """, conn, tx);
        cmd.Parameters.AddWithValue(job.Id);
        cmd.Parameters.AddWithValue(status);
        cmd.Parameters.AddWithValue(SyncError.ToJson(errors));
        if (await cmd.ExecuteScalarAsync(ct) is not DateTime started)
        {
            return null;
        }

        var startedAt = new DateTimeOffset(started, TimeSpan.Zero);
        if (status is SyncJobStatuses.Success or SyncJobStatuses.PartialSuccess && SupplierStore.RecordSyncSql(job.Mode) is { } record)
        {
            await using var recordSync = new NpgsqlCommand(record, conn, tx);
            recordSync.Parameters.AddWithValue(job.SupplierId);
            recordSync.Parameters.AddWithValue(startedAt);
            await recordSync.ExecuteNonQueryAsync(ct);
        }

        await callbacks.WriteAsync(CallbackJobKind.SyncJob, job.Id.ToString(), tx, ct);
        await tx.CommitAsync(ct);
        return startedAt;
    }

    /// <summary>Seed 001's manual update of a finished job (only the fields given).</summary>
    public Task PatchAsync(Guid id, SyncJobPatch patch, CancellationToken ct = default) => ExecuteAsync("""
        UPDATE sync_jobs SET status = coalesce($2, status), records_processed = coalesce($3, records_processed),
            error_log = coalesce($4, error_log), completed_at = coalesce($5, completed_at), updated_at = now()
        WHERE id = $1
        """, ct, id, (object?)patch.Status ?? DBNull.Value, (object?)patch.RecordsProcessed ?? DBNull.Value,
        (object?)patch.ErrorLog ?? DBNull.Value, (object?)patch.CompletedAt ?? DBNull.Value);

    private async Task<int> ExecuteAsync(string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        foreach (var a in args)
        {
            cmd.Parameters.Add(a is DBNull ? new NpgsqlParameter { Value = DBNull.Value } : new NpgsqlParameter { Value = a });
        }

        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
