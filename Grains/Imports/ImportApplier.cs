using System.Data;
using CatalogHub.Grains.Imports.Feed;
using Microsoft.Extensions.Options;
using NpgsqlTypes;

namespace CatalogHub.Grains.Imports;

/// <summary>
/// Runs one import atomically: in ONE transaction, under the catalog's advisory lock, it validates the whole stored
/// feed (first pass), checks for harm, then streams the feed again and applies it chunk by chunk through
/// <see cref="ImportWriter"/> (the catalog core's <c>ProductBatchWriter</c>), archives what a full import leaves out,
/// records the attribute names and the import's SUCCESS, and commits. Any error rolls all of it back.
/// </summary>
public sealed class ImportApplier(ImportStore store, IImportFaults faults, IOptions<ImportOptions> options)
{
    public async Task<ImportOutcome> RunAsync(ImportRow row, int attempt, bool dryRun, CancellationToken ct = default)
    {
        await using var conn = await store.DataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(dryRun ? IsolationLevel.RepeatableRead : IsolationLevel.ReadCommitted, ct);
        var run = new ImportRun(row, conn, tx, dryRun, faults, store.Now);
        if (!dryRun && !await LockAsync(run, attempt, ct))
        {
            return new ImportOutcome.Superseded();
        }

        await run.AtAsync("locked", ct);
        var validator = await ValidateAsync(run, ct);
        await run.AtAsync("validated", ct);
        if (!validator.IsValid)
        {
            return new ImportOutcome.Invalid(validator.Reason(), validator.Errors);
        }

        var (active, affected) = await HarmFiguresAsync(run, validator, ct);
        await run.AtAsync("harm-checked", ct);
        if (HarmCheck.Refusal(row.Type, active, affected, options.Value.HarmfulShare) is { } refusal && !row.Force)
        {
            return new ImportOutcome.Harmful(refusal);
        }

        var writer = new ImportWriter(run, store, options.Value.ChunkSize);
        var summary = await writer.ApplyAsync(ct);
        summary = summary with { Archived = await writer.ArchiveAsync(validator, ct) };
        await writer.NameAttributesAsync(validator.AttributeNames, ct);
        await run.AtAsync("attributes-named", ct);
        if (dryRun)
        {
            return new ImportOutcome.Applied(summary);
        }

        await using (var done = new Npgsql.NpgsqlBatch(conn, tx))
        {
            done.BatchCommands.Add(store.SucceedCommand(row.Id, ImportStatuses.Success, summary));
            await done.ExecuteNonQueryAsync(ct);
        }

        await store.WriteCallbackAsync(row.Id, tx, ct);

        await run.AtAsync("before-commit", ct);
        await tx.CommitAsync(ct);
        return new ImportOutcome.Applied(summary);
    }

    /// <summary>Takes the catalog's lock (a second runner waits here) and checks that this attempt still owns the import.</summary>
    private static async Task<bool> LockAsync(ImportRun run, int attempt, CancellationToken ct)
    {
        await using (var lockCmd = run.Command("SELECT pg_advisory_xact_lock(hashtextextended('feed-import:' || $1, 0))", run.Row.Catalog))
        {
            await lockCmd.ExecuteNonQueryAsync(ct);
        }

        await using var mine = run.Command("SELECT status = 'IN_PROGRESS' AND attempts = $2 FROM feed_imports WHERE id = $1 FOR UPDATE", run.Row.Id, attempt);
        return await mine.ExecuteScalarAsync(ct) is true;
    }

    /// <summary>The first pass: every item checked, every error collected; the keys of a full import go to <c>feed_keys</c>.</summary>
    private async Task<FeedValidator> ValidateAsync(ImportRun run, CancellationToken ct)
    {
        var validator = new FeedValidator(run.Row.Type, run.Row.Catalog, options.Value.MaxReportedErrors);
        var targets = new TargetCheck(run, validator);
        await using (var body = store.OpenBody(run.Row.Id))
        {
            try
            {
                await foreach (var (index, element) in FeedReader.ItemsAsync(body, run.Row.Format, run.Row.Gzip, ct))
                {
                    if (validator.Add(index, element) is FeedModification m)
                    {
                        await targets.AddAsync(m, ct);
                    }
                }
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
            {
                validator.Fail(FeedReader.Describe(e, validator.Items));
            }
        }

        await targets.FlushAsync(ct);
        if (validator.IsValid && run.Row.Type == ImportType.Full)
        {
            await using (var create = run.Command("CREATE TEMP TABLE feed_keys (key text PRIMARY KEY) ON COMMIT DROP"))
            {
                await create.ExecuteNonQueryAsync(ct);
            }

            await using var copy = await run.Connection.BeginBinaryImportAsync("COPY feed_keys (key) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var key in validator.Keys)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(key, NpgsqlDbType.Text, ct);
            }

            await copy.CompleteAsync(ct);
        }

        return validator;
    }

    /// <summary>The catalog's active products, and how many of them the import would archive (full) or remove (partial).</summary>
    private static async Task<(long Active, long Affected)> HarmFiguresAsync(ImportRun run, FeedValidator validator, CancellationToken ct)
    {
        var affected = run.Row.Type switch
        {
            ImportType.Full => "SELECT count(*) FROM products p WHERE p.catalog = $1 AND p.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM feed_keys k WHERE k.key = p.key)",
            ImportType.Partial => "SELECT count(*) FROM products p WHERE p.catalog = $1 AND p.archived_at IS NULL AND p.key = ANY ($2)",
            _ => "SELECT 0::bigint WHERE $1 IS NOT NULL",
        };
        await using var cmd = run.Command($"SELECT (SELECT count(*) FROM products WHERE catalog = $1 AND archived_at IS NULL), ({affected})", run.Row.Catalog);
        if (run.Row.Type == ImportType.Partial)
        {
            cmd.Parameters.AddWithValue(validator.Removals.ToArray());
        }

        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (r.GetInt64(0), r.GetInt64(1));
    }
}
