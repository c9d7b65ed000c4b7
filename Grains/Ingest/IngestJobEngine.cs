using CatalogHub.Grains.Catalog;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CatalogHub.Grains.Ingest;

/// <summary>
/// Runs an ingestion job: chunk by chunk from its checkpoint, plan the chunk's entries, send each product its
/// commands (one grain call per product per chunk, all products of a chunk at once, so the catalog store
/// group-commits them), and record the chunk's results with the new checkpoint in one transaction.
/// </summary>
public sealed partial class IngestJobEngine(
    IGrainFactory grains,
    IngestPlanner planner,
    EntryStampReader entryStamps,
    IngestJobStore store,
    IOptions<IngestOptions> options,
    ILogger<IngestJobEngine> logger)
{
    /// <summary>
    /// Applies the entries of <paramref name="body"/> after <paramref name="checkpoint"/> and ends the job.
    /// <paramref name="resumed"/>: an earlier run was interrupted, so the first chunk may have been partly applied.
    /// Returns the job's final state and, when <paramref name="collect"/>, every result of this run.
    /// </summary>
    public async Task<IngestJobRun> RunAsync(long jobId, IngestJobSpec spec, ReadOnlyMemory<byte> body, int checkpoint, bool resumed, bool collect, CancellationToken ct)
    {
        using var parsed = IngestBody.Parse(body);
        var entries = parsed.Entries;
        var results = new List<EntryOutcome>(collect ? entries.Count : 0);
        var size = Math.Max(1, options.Value.ChunkSize);
        for (var start = checkpoint; start < entries.Count; start += size)
        {
            ct.ThrowIfCancellationRequested();
            var chunk = entries.Skip(start).Take(size).ToList();
            var outcomes = await ApplyChunkAsync(jobId, spec, chunk, resumed && start == checkpoint, ct);
            await store.RecordAsync(jobId, outcomes, start + chunk.Count, ct);
            LogChunk(jobId, start + chunk.Count, entries.Count);
            if (collect)
            {
                results.AddRange(outcomes);
            }
        }

        return new IngestJobRun(await store.CompleteAsync(jobId, ct), results);
    }

    private async Task<IReadOnlyList<EntryOutcome>> ApplyChunkAsync(long jobId, IngestJobSpec spec, IReadOnlyList<IngestEntry> chunk, bool resumed, CancellationToken ct)
    {
        var plans = await planner.PlanAsync(spec, chunk, ct);

        // Commands per product in entry order: a product's grain applies them one after the other and writes once.
        var byProduct = new Dictionary<ProductKey, List<ProductCommand>>();
        foreach (var plan in plans)
        {
            foreach (var (key, command) in plan.Targets)
            {
                if (!byProduct.TryGetValue(key, out var commands))
                {
                    byProduct[key] = commands = [];
                }

                commands.Add(command);
            }
        }

        var (unchanged, absent) = await CheckEntriesAsync(byProduct, spec, resumed);
        var calls = byProduct.Where(p => !unchanged.ContainsKey(p.Key))
            .Select(p => ApplyAsync(p.Key, new CommandBatch(p.Value, jobId, spec.ValidateOnly, spec.ForceSync, resumed, absent.Contains(p.Key))));
        var byRow = (await Task.WhenAll(calls)).Append([.. unchanged.Values]).SelectMany(r => r).ToLookup(r => r.Row);
        return [.. plans.Select(plan => EntryOutcomes.Combine(plan, [.. byRow[plan.Entry.Row]]))];
    }

    /// <summary>
    /// Reads the entry stamps of the products that get a single products/POS entry, in one statement: the same entry that
    /// made a product's latest version is unchanged without a grain call (a read, so it orders like any read of the
    /// product: as if the entry applied just before whatever writes it next); a product found absent is created without
    /// being read again. Not for a resumed chunk (its entries may have been applied already) nor with force_sync (an
    /// unchanged entry still leaves an event).
    /// </summary>
    private async Task<(Dictionary<ProductKey, CommandResult> Unchanged, HashSet<ProductKey> Absent)> CheckEntriesAsync(
        Dictionary<ProductKey, List<ProductCommand>> byProduct, IngestJobSpec spec, bool resumed)
    {
        var unchanged = new Dictionary<ProductKey, CommandResult>();
        var absent = new HashSet<ProductKey>();
        if (resumed || spec.ForceSync)
        {
            return (unchanged, absent);
        }

        var candidates = byProduct.Where(p => p.Value is [PutProduct { Digest: not null }]).Select(p => (p.Key, Put: (PutProduct)p.Value[0])).ToList();
        if (candidates.Count == 0)
        {
            return (unchanged, absent);
        }

        EntryStamp?[] stamps;
        try
        {
            stamps = await entryStamps.LoadManyAsync([.. candidates.Select(c => c.Key)]);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // Only a shortcut: without the stamps every product takes the full path, whose failures are per product.
            LogStampsFailed(e, candidates.Count);
            return (unchanged, absent);
        }

        for (var i = 0; i < candidates.Count; i++)
        {
            var (key, put) = candidates[i];
            if (stamps[i] is not { } stamp)
            {
                absent.Add(key);
            }
            else if (stamp.WrittenBy(put.Digest!))
            {
                unchanged[key] = new CommandResult(put.Row, CommandOutcome.Unchanged, stamp.ProductNumber, stamp.VariantNumbers);
            }
        }

        return (unchanged, absent);
    }

    /// <summary>One product's commands; a failure of the call (database, timeout) fails these commands only.</summary>
    private async Task<IReadOnlyList<CommandResult>> ApplyAsync(ProductKey key, CommandBatch batch)
    {
        try
        {
            return await grains.GetGrain<IProductGrain>(key.ToString()).ApplyAsync(batch);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or OrleansException)
        {
            LogProductFailed(e, key);
            var error = new EntryError(EntryErrorType.Database, $"The product could not be written: {Describe(e)}");
            return [.. batch.Commands.Select(c => new CommandResult(c.Row, CommandOutcome.Failed, 0, [], error))];
        }
    }

    /// <summary>What a client may read of a failure: the database's own message for constraint errors, else the kind.</summary>
    private static string Describe(Exception e) => e switch
    {
        PostgresException p => p.MessageText,
        TimeoutException => "timed out",
        _ => "unexpected error",
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ingestion job {JobId}: {Done} of {Total} entries recorded")]
    private partial void LogChunk(long jobId, int done, int total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestion: reading the entry stamps of {Count} products failed; they take the full path")]
    private partial void LogStampsFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestion: writing product {Key} failed")]
    private partial void LogProductFailed(Exception exception, ProductKey key);
}
