using Npgsql;

namespace CatalogHub.Api.Console;

/// <summary>
/// The console's reads that no API reader has: the ingestion job list, the feed-import queues of every catalog and
/// the errors of the last hour. Everything else the console shows comes from the API's own readers.
/// </summary>
public sealed class ConsoleReader(NpgsqlDataSource dataSource)
{
    private const string IngestJobs = """
        SELECT id, kind, store_number, status, total, succeeded, errors, created_at, completed_at, count(*) OVER ()
        FROM ingest_jobs WHERE ($1::text IS NULL OR status = $1) AND ($2::boolean IS NULL OR (errors > 0) = $2)
        ORDER BY id DESC LIMIT $3 OFFSET $4
        """;

    private const string FeedQueues = """
        SELECT catalog,
               count(*) FILTER (WHERE status IN ('RECEIVING', 'WAITING'))::int,
               count(*) FILTER (WHERE status = 'IN_PROGRESS')::int,
               (array_agg(status ORDER BY finished_at DESC) FILTER (WHERE finished_at IS NOT NULL))[1],
               max(finished_at)
        FROM feed_imports WHERE expires_at IS NULL OR expires_at >= now()
        GROUP BY catalog ORDER BY count(*) FILTER (WHERE status IN ('RECEIVING', 'WAITING', 'IN_PROGRESS')) DESC, catalog
        LIMIT $1
        """;

    // Each kind of job that ended badly (or with failed entries) since $1, and outbox events that failed since $1,
    // grouped per target; newest first.
    private const string Errors = """
        SELECT * FROM (
            SELECT 'sync job' AS kind, supplier_name || ' · ' || job_type, coalesce(nullif(error_log, ''), failed_count || ' of ' || total_products || ' products failed'),
                   completed_at, '/console/sync-jobs/' || id
            FROM sync_jobs WHERE completed_at >= $1 AND (status = 'failed' OR failed_count > 0)
            UNION ALL
            SELECT 'ingestion job', kind || coalesce(' · store ' || store_number, ''), coalesce(error_message, errors || ' of ' || total || ' entries failed'),
                   coalesce(completed_at, updated_at), '/console/ingest-jobs/' || id
            FROM ingest_jobs WHERE updated_at >= $1 AND (status = 'failed' OR errors > 0)
            UNION ALL
            SELECT 'feed import', catalog || ' · ' || type, coalesce(nullif(reason, ''), code, 'failed'), finished_at, '/console/feed-imports?catalog=' || catalog
            FROM feed_imports WHERE finished_at >= $1 AND status = 'FAILURE'
            UNION ALL
            SELECT 'outbox', target, count(*) || ' events failed; last: ' || (array_agg(error_message ORDER BY updated_at DESC))[1],
                   max(updated_at), '/console/outbox?target=' || target
            FROM outbox_events WHERE status = 'failed' AND updated_at >= $1 AND target IS NOT NULL GROUP BY target
        ) e ORDER BY 4 DESC LIMIT $2
        """;

    /// <summary>Ingestion jobs, newest first; <paramref name="withErrors"/> true: only jobs with failed entries.</summary>
    public async Task<ConsolePage<IngestJobLine>> IngestJobsAsync(string? status, bool? withErrors, int skip, int limit, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(IngestJobs);
        cmd.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = status, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter<bool?> { TypedValue = withErrors, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Boolean });
        cmd.Parameters.AddWithValue(limit);
        cmd.Parameters.AddWithValue(skip);
        var rows = new List<IngestJobLine>();
        var total = 0;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            rows.Add(new IngestJobLine(
                r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6),
                r.GetFieldValue<DateTimeOffset>(7), r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8)));
            total = (int)r.GetInt64(9);
        }

        return new ConsolePage<IngestJobLine>(rows, rows.Count == 0 && skip > 0 ? skip : total);
    }

    /// <summary>Catalogs with feed imports, the busiest queues first.</summary>
    public async Task<IReadOnlyList<FeedQueueLine>> FeedQueuesAsync(int limit, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(FeedQueues);
        cmd.Parameters.AddWithValue(limit);
        var rows = new List<FeedQueueLine>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            rows.Add(new FeedQueueLine(r.GetString(0), r.GetInt32(1), r.GetInt32(2), r.IsDBNull(3) ? null : r.GetString(3),
                r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4)));
        }

        return rows;
    }

    /// <summary>Errors since <paramref name="since"/>, newest first.</summary>
    public async Task<IReadOnlyList<RecentError>> ErrorsSinceAsync(DateTimeOffset since, int limit, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(Errors);
        cmd.Parameters.AddWithValue(since);
        cmd.Parameters.AddWithValue(limit);
        var rows = new List<RecentError>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            rows.Add(new RecentError(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? "" : r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), r.GetString(4)));
        }

        return rows;
    }
}
