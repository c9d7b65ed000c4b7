using Npgsql;

namespace CatalogHub.Grains.Catalog;

/// <summary>
/// Writes a set of product writes inside a transaction the caller owns: the catalog store's group commit, and any
/// writer that must apply many products atomically (a feed import). Each write gets its own result (written with its
/// new stamp, a version conflict, an unknown category); nothing is committed here.
/// </summary>
public static class ProductBatchWriter
{
    /// <summary>
    /// Runs <paramref name="writes"/> on <paramref name="connection"/> in <paramref name="transaction"/>; the answer is
    /// parallel to the writes. Write products in ascending id order (<see cref="ByProductId"/>), the order in which
    /// every writer locks them, so that concurrent writers cannot deadlock.
    /// </summary>
    public static async Task<WriteResult[]> WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ProductWrite> writes, CancellationToken ct = default)
    {
        var results = new WriteResult[writes.Count];
        if (writes.Count == 0)
        {
            return results;
        }

        await using var command = new NpgsqlBatch(connection, transaction);
        foreach (var write in writes)
        {
            foreach (var statement in ProductWriteSql.Commands(write))
            {
                command.BatchCommands.Add(statement);
            }
        }

        // One result set per write: the stale flips and receipts that follow return no rows, and the reader skips them.
        await using var reader = await command.ExecuteReaderAsync(ct);
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            if (!await reader.ReadAsync(ct))
            {
                throw new InvalidOperationException("A product write returned no result row.");
            }

            results[i] = !reader.GetBoolean(2) ? WriteResult.UnknownCategory
                : reader.IsDBNull(0) ? WriteResult.Conflict
                : WriteResult.Written(
                    new ProductStamp(write.Content.ProductId, reader.GetInt64(0), reader.GetInt32(1), write.Content.Hash),
                    reader.IsDBNull(3) ? [] : reader.GetFieldValue<long[]>(3));
            await reader.NextResultAsync(ct);
        }

        return results;
    }

    /// <summary>Ascending product id in PostgreSQL's uuid order (bytes in big-endian order), the order writers lock products in.</summary>
    public static int ByProductId(ProductWrite x, ProductWrite y)
    {
        Span<byte> a = stackalloc byte[16];
        Span<byte> b = stackalloc byte[16];
        x.Content.ProductId.TryWriteBytes(a, bigEndian: true, out _);
        y.Content.ProductId.TryWriteBytes(b, bigEndian: true, out _);
        return a.SequenceCompareTo(b);
    }
}
