using Npgsql;

namespace CatalogHub.Grains.Catalog;

/// <summary>
/// Writes a set of product writes inside a transaction the caller owns: the catalog store's group commit, and any
/// writer that must apply many products atomically (a feed import). Set-based: one statement for all the writes'
/// products, variants, outbox events and ingestion receipts (<see cref="ProductBatchSql"/>), then one for the stale
/// flips, in one round trip. Each write gets its own result (written with its new stamp, a version
/// conflict, an unknown category); nothing is committed here.
/// </summary>
public static class ProductBatchWriter
{
    /// <summary>
    /// Runs <paramref name="writes"/> on <paramref name="connection"/> in <paramref name="transaction"/>; the answer is
    /// parallel to the writes. A product written twice is written in that order (a second statement: the second write
    /// must see the first one's version).
    /// </summary>
    public static async Task<WriteResult[]> WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ProductWrite> writes, CancellationToken ct = default)
    {
        var results = new WriteResult[writes.Count];
        // Every row any round updates is locked first, in id order: a later round must not lock a row after rows with
        // greater ids that earlier rounds hold.
        var locks = writes.Where(w => !w.EventOnly && w.ExpectedVersion is not null).Select(w => w.Content.ProductId).Distinct().ToList();
        locks.Sort(CompareIds);
        foreach (var round in Rounds(writes))
        {
            await WriteRoundAsync(connection, transaction, writes, round, locks.Count > 1 ? locks : [], results, ct);
            locks = [];
        }

        return results;
    }

    /// <summary>Ascending product id in PostgreSQL's uuid order (bytes in big-endian order), the order writers lock products in.</summary>
    public static int ByProductId(ProductWrite x, ProductWrite y) => CompareIds(x.Content.ProductId, y.Content.ProductId);

    /// <summary>Product ids in PostgreSQL's uuid order (bytes in big-endian order).</summary>
    public static int CompareIds(Guid x, Guid y)
    {
        Span<byte> a = stackalloc byte[16];
        Span<byte> b = stackalloc byte[16];
        x.TryWriteBytes(a, bigEndian: true, out _);
        y.TryWriteBytes(b, bigEndian: true, out _);
        return a.SequenceCompareTo(b);
    }

    /// <summary>The writes' positions in rounds in which each product appears at most once, in the order given.</summary>
    internal static List<List<int>> Rounds(IReadOnlyList<ProductWrite> writes)
    {
        var rounds = new List<List<int>>();
        var seen = new Dictionary<Guid, int>();
        for (var i = 0; i < writes.Count; i++)
        {
            var id = writes[i].Content.ProductId;
            var round = seen.TryGetValue(id, out var last) ? last + 1 : 0;
            seen[id] = round;
            if (round == rounds.Count)
            {
                rounds.Add([]);
            }

            rounds[round].Add(i);
        }

        return rounds;
    }

    private static async Task WriteRoundAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ProductWrite> writes, List<int> round, List<Guid> lockFirst,
        WriteResult[] results, CancellationToken ct)
    {
        var content = round.Where(i => !writes[i].EventOnly).ToList();
        var eventOnly = round.Where(i => writes[i].EventOnly).ToList();
        var updates = content.Where(i => writes[i].ExpectedVersion is not null).Select(i => writes[i]).ToList();
        updates.Sort(ByProductId);

        await using var batch = new NpgsqlBatch(connection, transaction);
        var locks = lockFirst.Count > 0;
        if (locks)
        {
            batch.BatchCommands.Add(Command(ProductBatchSql.LockForUpdate, lockFirst.ToArray()));
        }

        if (content.Count > 0)
        {
            batch.BatchCommands.Add(ProductBatchParameters.Command([.. content.Select(i => writes[i])]));
        }

        foreach (var i in eventOnly)
        {
            batch.BatchCommands.Add(ProductWriteSql.EventOnlyCommand(writes[i]));
        }

        if (updates.Count > 0)
        {
            batch.BatchCommands.Add(Command(ProductBatchSql.StaleFlip, updates.Select(w => w.Content.ProductId).ToArray(), updates.Select(w => w.At).ToArray()));
        }

        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (locks)
        {
            await reader.NextResultAsync(ct);
        }

        if (content.Count > 0)
        {
            while (await reader.ReadAsync(ct))
            {
                var i = content[(int)reader.GetInt64(0) - 1];
                results[i] = Result(reader, writes[i]);
            }

            await reader.NextResultAsync(ct);
        }

        foreach (var i in eventOnly)
        {
            if (!await reader.ReadAsync(ct))
            {
                throw new InvalidOperationException("An event-only product write returned no result row.");
            }

            results[i] = Result(reader, writes[i]);
            await reader.NextResultAsync(ct);
        }

        foreach (var i in round)
        {
            _ = results[i] ?? throw new InvalidOperationException($"Product write {i + 1} of the batch returned no result row.");
        }
    }

    /// <summary>A result row: ordinal, number and version (null: not written), category known, variant numbers.</summary>
    private static WriteResult Result(NpgsqlDataReader reader, ProductWrite write) =>
        !reader.GetBoolean(3) ? WriteResult.UnknownCategory
        : reader.IsDBNull(1) ? WriteResult.Conflict
        : WriteResult.Written(
            new ProductStamp(write.Content.ProductId, reader.GetInt64(1), reader.GetInt32(2), write.Content.Hash),
            reader.IsDBNull(4) ? [] : reader.GetFieldValue<long[]>(4));

    private static NpgsqlBatchCommand Command(string sql, params Array[] arrays)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var array in arrays)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = array });
        }

        return command;
    }
}
