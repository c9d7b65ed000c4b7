using System.Threading.Channels;
using Npgsql;

namespace CatalogHub.Grains.Catalog;

/// <summary>
/// Reads by product key, group-read: every key queued while a read is in flight goes into the next one (one
/// statement for up to <see cref="MaxBatch"/> keys), so a job that activates thousands of product grains costs a
/// few statements, not one round trip and one plan per product. An idle reader answers a single key at once.
/// </summary>
public abstract class GroupReader<T>
    where T : class
{
    public const int MaxBatch = 512;
    private const int Readers = 2;

    private readonly Channel<(ProductKey Key, TaskCompletionSource<T?> Done)> _queue =
        Channel.CreateUnbounded<(ProductKey, TaskCompletionSource<T?>)>();

    private int _started;

    /// <summary>What is stored under <paramref name="key"/>, or null when the product does not exist.</summary>
    public Task<T?> LoadAsync(ProductKey key)
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            for (var i = 0; i < Readers; i++)
            {
                _ = Task.Run(ReadLoopAsync);
            }
        }

        var done = new TaskCompletionSource<T?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Writer.TryWrite((key, done));
        return done.Task;
    }

    /// <summary>What is stored under each of <paramref name="keys"/> (parallel; null: absent), read at once in statements of <see cref="MaxBatch"/> keys.</summary>
    public async Task<T?[]> LoadManyAsync(IReadOnlyList<ProductKey> keys)
    {
        var found = new T?[keys.Count];
        for (var start = 0; start < keys.Count; start += MaxBatch)
        {
            var part = await ReadAsync([.. keys.Skip(start).Take(MaxBatch)]);
            part.CopyTo(found, start);
        }

        return found;
    }

    /// <summary>
    /// Runs <paramref name="sql"/> with the keys' catalogs and names as <c>$1</c> and <c>$2</c> (text arrays); each row's
    /// first column is the 1-based position of its key, and <paramref name="read"/> makes the value from the row.
    /// </summary>
    protected static async Task<T?[]> ReadByKeysAsync(NpgsqlDataSource dataSource, string sql, IReadOnlyList<ProductKey> keys, Func<NpgsqlDataReader, T> read)
    {
        var found = new T?[keys.Count];
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue(keys.Select(k => k.Catalog).ToArray());
        cmd.Parameters.AddWithValue(keys.Select(k => k.Key).ToArray());
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found[reader.GetInt64(0) - 1] = read(reader);
        }

        return found;
    }

    /// <summary>Reads every key of <paramref name="keys"/> in one go; the answer is parallel to the keys (null: absent).</summary>
    protected abstract Task<T?[]> ReadAsync(IReadOnlyList<ProductKey> keys);

    private async Task ReadLoopAsync()
    {
        var batch = new List<(ProductKey Key, TaskCompletionSource<T?> Done)>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                var found = await ReadAsync([.. batch.Select(b => b.Key)]);
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
}
