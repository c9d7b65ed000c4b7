using System.Threading.Channels;
using Npgsql;

namespace CatalogHub.Grains.Catalog;

/// <summary>
/// Loads product stamps for activating product grains, group-read: every key queued while a read is in
/// flight goes into the next one (one statement for up to <see cref="MaxBatch"/> keys), so a sync that
/// activates thousands of grains costs a few statements, not one round trip and one plan per product.
/// An idle reader answers a single key at once.
/// </summary>
public sealed class StampReader(NpgsqlDataSource dataSource)
{
    public const int MaxBatch = 512;
    private const int Readers = 2;

    private const string Sql = """
        SELECT k.i, p.id, p.number, p.version, p.content_hash
        FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(catalog, key, i)
        JOIN products p ON p.catalog = k.catalog AND p.key = k.key
        """;

    private readonly Channel<(ProductKey Key, TaskCompletionSource<ProductStamp?> Done)> _queue =
        Channel.CreateUnbounded<(ProductKey, TaskCompletionSource<ProductStamp?>)>();

    private int _started;

    /// <summary>The product's identity, version and content hash, or null when it does not exist.</summary>
    public Task<ProductStamp?> LoadAsync(ProductKey key)
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            for (var i = 0; i < Readers; i++)
            {
                _ = Task.Run(ReadLoopAsync);
            }
        }

        var done = new TaskCompletionSource<ProductStamp?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Writer.TryWrite((key, done));
        return done.Task;
    }

    private async Task ReadLoopAsync()
    {
        var batch = new List<(ProductKey Key, TaskCompletionSource<ProductStamp?> Done)>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                var found = await ReadAsync(batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(found[i]);
                }
            }
            catch (Exception e)
            {
                foreach (var (_, done) in batch)
                {
                    done.TrySetException(e);
                }
            }
        }
    }

    private async Task<ProductStamp?[]> ReadAsync(List<(ProductKey Key, TaskCompletionSource<ProductStamp?> Done)> batch)
    {
        var found = new ProductStamp?[batch.Count];
        await using var cmd = dataSource.CreateCommand(Sql);
        cmd.Parameters.AddWithValue(batch.Select(b => b.Key.Catalog).ToArray());
        cmd.Parameters.AddWithValue(batch.Select(b => b.Key.Key).ToArray());
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found[reader.GetInt64(0) - 1] = new ProductStamp(
                reader.GetGuid(1), reader.GetInt64(2), reader.GetInt32(3), Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(4)));
        }

        return found;
    }
}
