using System.Text.Json;
using CatalogHub.Grains.Callbacks;
using CatalogHub.Grains.Imports.Feed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CatalogHub.Grains.Imports;

/// <summary>
/// The queue side of <c>feed_imports</c> (the API creates the rows): the next import of a catalog, the status moves
/// of a run, and the stored body. Every move is conditional on the status it leaves, so a cancel and a start racing
/// on two silos cannot both win. Every end (SUCCESS, FAILURE) writes the import's completion callback in its transaction.
/// </summary>
public sealed class ImportStore(NpgsqlDataSource dataSource, JobCallbackWriter callbacks, IOptions<ImportOptions> options, [FromKeyedServices(ImportOptions.ClockKey)] TimeProvider clock)
{
    public const string Columns = "id, catalog, type, force, format, gzip, status, attempts";

    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public NpgsqlDataSource DataSource => dataSource;

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The import of <paramref name="catalog"/> to run next: an interrupted one first, else the first waiting.</summary>
    public async Task<ImportRow?> NextAsync(string catalog, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT {Columns} FROM feed_imports
            WHERE catalog = $1 AND status IN ('WAITING', 'IN_PROGRESS') AND NOT validation_only
            ORDER BY status = 'IN_PROGRESS' DESC, seq LIMIT 1
            """);
        cmd.Parameters.AddWithValue(catalog);
        return await ReadRowAsync(cmd, ct);
    }

    public async Task<ImportRow?> LoadAsync(long id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM feed_imports WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        return await ReadRowAsync(cmd, ct);
    }

    /// <summary>WAITING (or interrupted IN_PROGRESS) → IN_PROGRESS with one more attempt; the attempt, or null when it is no longer to run.</summary>
    public async Task<int?> StartAsync(long id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            UPDATE feed_imports SET status = 'IN_PROGRESS', attempts = attempts + 1, started_at = coalesce(started_at, $2)
            WHERE id = $1 AND status IN ('WAITING', 'IN_PROGRESS') RETURNING attempts
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(Now);
        return await cmd.ExecuteScalarAsync(ct) as int?;
    }

    /// <summary>Ends an unfinished import as FAILURE (nothing applied); its feed is kept for the retention.</summary>
    public async Task FailAsync(long id, string code, string reason, IReadOnlyList<FeedError>? errors = null, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            UPDATE feed_imports SET status = 'FAILURE', code = $2, reason = $3, errors = $4::jsonb, finished_at = $5, expires_at = $6
            WHERE id = $1 AND status IN ('WAITING', 'IN_PROGRESS')
            """, conn, tx);
        AddEnd(cmd.Parameters, id, code, reason, errors);
        if (await cmd.ExecuteNonQueryAsync(ct) == 1)
        {
            await WriteCallbackAsync(id, tx, ct);
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>The import's completion callback (if it has one), in the transaction that wrote its end.</summary>
    public Task WriteCallbackAsync(long id, NpgsqlTransaction tx, CancellationToken ct) =>
        callbacks.WriteAsync(CallbackJobKind.FeedImport, id.ToString(System.Globalization.CultureInfo.InvariantCulture), tx, ct);

    /// <summary>The end of a successful run, as a command for the apply's own transaction: it commits with the catalog changes.</summary>
    public NpgsqlBatchCommand SucceedCommand(long id, string status, ImportSummary summary)
    {
        var cmd = new NpgsqlBatchCommand("""
            WITH done AS (
                UPDATE feed_imports SET status = $2, summary = $3::jsonb, finished_at = $4, expires_at = $5
                WHERE id = $1 RETURNING id
            )
            DELETE FROM feed_import_parts WHERE import_id IN (SELECT id FROM done)
            """);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(status);
        cmd.Parameters.AddWithValue(JsonSerializer.Serialize(summary, Json));
        cmd.Parameters.AddWithValue(Now);
        cmd.Parameters.AddWithValue(Now + options.Value.Retention);
        return cmd;
    }

    /// <summary>The result of a validation-only run: SUCCESS with what would change, kept like any import; the feed is dropped.</summary>
    public async Task ValidatedAsync(long id, ImportSummary summary, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var batch = new NpgsqlBatch(conn, tx))
        {
            batch.BatchCommands.Add(SucceedCommand(id, ImportStatuses.Success, summary));
            await batch.ExecuteNonQueryAsync(ct);
        }

        await WriteCallbackAsync(id, tx, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>True while <paramref name="catalog"/> has imports to run.</summary>
    public async Task<bool> HasQueuedAsync(string catalog, CancellationToken ct = default) => await NextAsync(catalog, ct) is not null;

    /// <summary>The stored body, read part by part.</summary>
    public Stream OpenBody(long id) => new ImportBodyStream(dataSource, id);

    /// <summary>Deletes imports past their retention (their parts go with them); how many.</summary>
    public async Task<int> PurgeAsync(CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("DELETE FROM feed_imports WHERE expires_at < $1");
        cmd.Parameters.AddWithValue(Now);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    private void AddEnd(NpgsqlParameterCollection ps, long id, string code, string reason, IReadOnlyList<FeedError>? errors)
    {
        ps.AddWithValue(id);
        ps.AddWithValue(code);
        ps.AddWithValue(reason);
        ps.Add(new NpgsqlParameter { Value = errors is null ? DBNull.Value : JsonSerializer.Serialize(errors, Json), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        ps.AddWithValue(Now);
        ps.AddWithValue(Now + options.Value.Retention);
    }

    private static async Task<ImportRow?> ReadRowAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
        {
            return null;
        }

        var type = ImportTypes.TryParse(r.GetString(2), out var t) ? t : throw new InvalidOperationException($"Import {r.GetInt64(0)} has an unknown type.");
        return new ImportRow(r.GetInt64(0), r.GetString(1), type, r.GetBoolean(3), r.GetString(4) == "ndjson" ? FeedFormat.Ndjson : FeedFormat.Json,
            r.GetBoolean(5), r.GetString(6), r.GetInt32(7));
    }
}
