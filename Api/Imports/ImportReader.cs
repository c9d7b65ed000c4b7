using System.Globalization;
using System.Text.Json;
using CatalogHub.Grains.Callbacks;
using CatalogHub.Grains.Imports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CatalogHub.Api.Imports;

/// <summary>Reads imports for the API (status, queue, history, stored feed) and cancels waiting ones; expired imports are not found.</summary>
public sealed class ImportReader(NpgsqlDataSource dataSource, IOptions<ImportOptions> options, [FromKeyedServices(ImportOptions.ClockKey)] TimeProvider clock)
{
    private const string Columns = """
        i.id, i.catalog, i.type, i.name, i.validation_only, i.status, i.code, i.reason, i.errors::text, i.summary::text,
        i.received_at, i.started_at, i.finished_at, i.expires_at,
        CASE WHEN i.status = 'WAITING' AND NOT i.validation_only THEN (
            SELECT count(*)::int FROM feed_imports q
            WHERE q.catalog = i.catalog AND q.status IN ('WAITING', 'IN_PROGRESS') AND NOT q.validation_only AND q.seq < i.seq) END
        """;

    private const string Visible = "i.status <> 'RECEIVING' AND (i.expires_at IS NULL OR i.expires_at >= $2)";

    /// <summary>The import, or null when there is none (or it expired).</summary>
    public async Task<ImportStatusBody?> FindAsync(long id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM feed_imports i WHERE i.id = $1 AND {Visible}");
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(clock.GetUtcNow());
        return (await ReadAsync(cmd, ct)).FirstOrDefault();
    }

    /// <summary>The import as <paramref name="tx"/> sees it (a callback's payload, read where the import's end is written).</summary>
    public async Task<ImportStatusBody?> FindAsync(long id, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"SELECT {Columns} FROM feed_imports i WHERE i.id = $1 AND {Visible}", tx.Connection, tx);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(clock.GetUtcNow());
        return (await ReadAsync(cmd, ct)).FirstOrDefault();
    }

    public async Task<CatalogImportsBody> ListAsync(string catalog, int historyLimit, CancellationToken ct)
    {
        await using var queue = dataSource.CreateCommand($"""
            SELECT {Columns} FROM feed_imports i
            WHERE i.catalog = $1 AND {Visible} AND i.status IN ('WAITING', 'IN_PROGRESS') ORDER BY i.status = 'IN_PROGRESS' DESC, i.seq
            """);
        queue.Parameters.AddWithValue(catalog);
        queue.Parameters.AddWithValue(clock.GetUtcNow());
        var waiting = await ReadAsync(queue, ct);
        await using var history = dataSource.CreateCommand($"""
            SELECT {Columns} FROM feed_imports i
            WHERE i.catalog = $1 AND {Visible} AND i.status IN ('SUCCESS', 'FAILURE', 'ABORTED') ORDER BY i.id DESC LIMIT $3
            """);
        history.Parameters.AddWithValue(catalog);
        history.Parameters.AddWithValue(clock.GetUtcNow());
        history.Parameters.AddWithValue(historyLimit);
        return new CatalogImportsBody(catalog, waiting, await ReadAsync(history, ct));
    }

    /// <summary>
    /// WAITING → ABORTED (its feed dropped), with its completion callback in the same transaction; false when the import
    /// is not waiting (any more).
    /// </summary>
    public async Task<bool> AbortIfWaitingAsync(long id, string reason, JobCallbackWriter callbacks, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            WITH done AS (
                UPDATE feed_imports SET status = 'ABORTED', reason = $2, finished_at = $3, expires_at = $4
                WHERE id = $1 AND status = 'WAITING' RETURNING id
            ), parts AS (
                DELETE FROM feed_import_parts WHERE import_id IN (SELECT id FROM done)
            )
            SELECT count(*) FROM done
            """, conn, tx);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(reason);
        cmd.Parameters.AddWithValue(clock.GetUtcNow());
        cmd.Parameters.AddWithValue(clock.GetUtcNow() + options.Value.Retention);
        if ((long)(await cmd.ExecuteScalarAsync(ct))! != 1)
        {
            return false;
        }

        await callbacks.WriteAsync(CallbackJobKind.FeedImport, id.ToString(CultureInfo.InvariantCulture), tx, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Writes the stored feed of a failed import to <paramref name="response"/>, part by part; false when there is none.</summary>
    public async Task<bool> WriteFeedAsync(long id, HttpResponse response, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var head = new NpgsqlCommand($"SELECT format, gzip FROM feed_imports i WHERE i.id = $1 AND i.status = 'FAILURE' AND {Visible}", conn);
        head.Parameters.AddWithValue(id);
        head.Parameters.AddWithValue(clock.GetUtcNow());
        string format;
        bool gzip;
        await using (var r = await head.ExecuteReaderAsync(ct))
        {
            if (!await r.ReadAsync(ct))
            {
                return false;
            }

            (format, gzip) = (r.GetString(0), r.GetBoolean(1));
        }

        response.ContentType = format == "ndjson" ? "application/x-ndjson" : "application/json";
        if (gzip)
        {
            response.Headers.ContentEncoding = "gzip";
        }

        await using var parts = new NpgsqlCommand("SELECT data FROM feed_import_parts WHERE import_id = $1 ORDER BY part", conn);
        parts.Parameters.AddWithValue(id);
        await using var reader = await parts.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
        {
            await using var data = reader.GetStream(0);
            await data.CopyToAsync(response.Body, ct);
        }

        return true;
    }

    private static async Task<List<ImportStatusBody>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var list = new List<ImportStatusBody>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var status = r.GetString(5);
            list.Add(new ImportStatusBody(r.GetInt64(0).ToString(CultureInfo.InvariantCulture), status, r.GetString(7))
            {
                Catalog = r.GetString(1),
                Type = r.GetString(2),
                Name = r.IsDBNull(3) ? null : r.GetString(3),
                ValidationOnly = r.GetBoolean(4),
                Code = r.IsDBNull(6) ? null : r.GetString(6),
                Errors = r.IsDBNull(8) ? null : JsonSerializer.Deserialize<List<FeedErrorBody>>(r.GetString(8), ImportJson.Options),
                Summary = r.IsDBNull(9) ? null : JsonSerializer.Deserialize<ImportSummaryBody>(r.GetString(9), ImportJson.Options),
                ReceivedAt = r.GetFieldValue<DateTimeOffset>(10),
                StartedAt = r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11),
                FinishedAt = r.IsDBNull(12) ? null : r.GetFieldValue<DateTimeOffset>(12),
                ExpiresAt = r.IsDBNull(13) ? null : r.GetFieldValue<DateTimeOffset>(13),
                QueuePosition = r.IsDBNull(14) ? null : r.GetInt32(14),
            });
        }

        return list;
    }
}
