using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CatalogHub.Grains.Catalog;

/// <summary>
/// The one place products are written. Writes that arrive together — from many product grains — are
/// group-committed: each committer takes whatever is queued (up to <see cref="CatalogStoreOptions.MaxBatch"/>),
/// runs it as one batch in one transaction, and completes every caller after the commit, so each caller
/// still awaits its own durable write. A write that fails does not fail its neighbours: the batch is rolled
/// back and its writes are retried one transaction each, so only the failing one reports the error.
/// </summary>
/// <remarks>
/// Lock order: a batch writes its products in ascending id order (PostgreSQL's uuid order), the order in
/// which a customer push locks them, so a group commit and a push cannot deadlock. Should PostgreSQL still
/// pick a transaction of the store as a deadlock victim (or fail it with a serialization failure) — against
/// some other writer — the whole transaction was rolled back, so it is run again as it was, up to
/// <see cref="MaxTransientAttempts"/> times, before the batch is split into single writes.
/// </remarks>
public sealed partial class CatalogStore(NpgsqlDataSource dataSource, IOptions<CatalogStoreOptions> options, ILogger<CatalogStore> logger)
    : BackgroundService
{
    /// <summary>Attempts of one transaction that PostgreSQL rolls back as a deadlock victim or serialization failure.</summary>
    public const int MaxTransientAttempts = 3;

    /// <summary>The foreign key from <c>products.category_id</c> to <c>categories</c> (migration 0004).</summary>
    private const string CategoryForeignKey = "products_category";

    private long _isolatedBatches;
    private long _transientRetries;

    /// <summary>How many group commits failed and were retried write by write (a diagnostic counter).</summary>
    public long IsolatedBatches => Interlocked.Read(ref _isolatedBatches);

    /// <summary>How many transactions were run again after a deadlock or serialization failure (a diagnostic counter).</summary>
    public long TransientRetries => Interlocked.Read(ref _transientRetries);

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false });

    /// <summary>Writes one product; completes once its transaction committed.</summary>
    public Task<WriteResult> WriteAsync(ProductWrite write, CancellationToken ct = default)
    {
        var pending = new Pending(write);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The catalog store is shut down; the write was not accepted.");
        }

        return pending.Completion.Task.WaitAsync(ct);
    }

    /// <summary>The product's identity and version, or null when absent.</summary>
    public async Task<ProductStamp?> LoadStampAsync(ProductKey key, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT id, number, version, content_hash FROM products WHERE catalog = $1 AND key = $2");
        cmd.Parameters.AddWithValue(key.Catalog);
        cmd.Parameters.AddWithValue(key.Key);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new ProductStamp(reader.GetGuid(0), reader.GetInt64(1), reader.GetInt32(2), Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(3)))
            : null;
    }

    /// <summary>
    /// Archives or restores one product in its own statement (rare admin operations need no group commit):
    /// changed, already so, gone, or a version conflict the writer resolves by reloading.
    /// </summary>
    public async Task<ArchiveWriteResult> SetArchivedAsync(ProductArchive change, CancellationToken ct = default)
    {
        await using (var cmd = ProductArchiveSql.ChangeCommand(dataSource, change))
        {
            if (await cmd.ExecuteScalarAsync(ct) is int version)
            {
                return new ArchiveWriteResult(ArchiveWriteStatus.Changed, version);
            }
        }

        await using var state = dataSource.CreateCommand(ProductArchiveSql.State);
        state.Parameters.AddWithValue(change.ProductId);
        await using var reader = await state.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return new ArchiveWriteResult(ArchiveWriteStatus.NotFound, 0);
        }

        // Versions only grow: the expected version still current means the update found the state already so.
        var current = reader.GetInt32(0);
        return current == change.ExpectedVersion && reader.GetBoolean(1) == change.Archived
            ? new ArchiveWriteResult(ArchiveWriteStatus.Unchanged, current)
            : new ArchiveWriteResult(ArchiveWriteStatus.Conflict, current);
    }

    /// <summary>
    /// The committers run until the queue is closed and drained, not until the host's stopping token fires:
    /// <see cref="StopAsync"/> closes the queue (later writes fail at once) and waits for what was queued.
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.Committers)).Select(_ => CommitLoopAsync(CancellationToken.None)));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (ExecuteTask is { } running)
        {
            await running.WaitAsync(cancellationToken);
        }

        await base.StopAsync(cancellationToken);
    }

    private async Task CommitLoopAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(options.Value.MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < options.Value.MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            batch.Sort(ByProductId);
            try
            {
                await CommitWithRetriesAsync(batch, stoppingToken);
            }
            catch (Exception e) when (batch.Count > 1 && e is NpgsqlException or InvalidOperationException or ArgumentException or FormatException)
            {
                LogBatchFailed(e, batch.Count);
                Interlocked.Increment(ref _isolatedBatches);
                foreach (var one in batch)
                {
                    await CommitIsolatedAsync(one, stoppingToken);
                }
            }
            catch (Exception e)
            {
                foreach (var one in batch)
                {
                    Fail(one, e);
                }
            }
        }
    }

    private async Task CommitIsolatedAsync(Pending one, CancellationToken ct)
    {
        try
        {
            await CommitWithRetriesAsync([one], ct);
        }
        catch (Exception e)
        {
            Fail(one, e);
        }
    }

    /// <summary>
    /// Completes a write that failed in a transaction of its own. The category foreign key can still trip when
    /// the category was deleted after the statement checked it: that is the same answer as an unknown category.
    /// </summary>
    private static void Fail(Pending one, Exception e)
    {
        if (e is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation, ConstraintName: CategoryForeignKey })
        {
            one.Completion.TrySetResult(WriteResult.UnknownCategory);
        }
        else
        {
            one.Completion.TrySetException(e);
        }
    }

    /// <summary>Commits <paramref name="batch"/>, running it again when PostgreSQL rolled it back as a deadlock victim or serialization failure.</summary>
    private async Task CommitWithRetriesAsync(List<Pending> batch, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await CommitAsync(batch, ct);
                return;
            }
            catch (PostgresException e) when (IsTransient(e) && attempt < MaxTransientAttempts)
            {
                // The transaction rolled back as a whole and nobody was completed yet: the same writes are safe to send
                // again. A short, jittered pause first lets the transaction that won take the rows it waited for;
                // retrying at once can grab them back before it wakes and close the same cycle again.
                LogTransientRetry(e.SqlState, batch.Count, attempt);
                Interlocked.Increment(ref _transientRetries);
                await Task.Delay(TransientBackoff(attempt), ct);
            }
        }
    }

    /// <summary>50–100 ms times the attempt: long enough for the surviving transaction to be scheduled and lock its rows.</summary>
    private static TimeSpan TransientBackoff(int attempt) => TimeSpan.FromMilliseconds(attempt * Random.Shared.Next(50, 101));

    private static bool IsTransient(PostgresException e) =>
        e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;

    private static int ByProductId(Pending x, Pending y) => ProductBatchWriter.ByProductId(x.Write, y.Write);

    private async Task CommitAsync(List<Pending> batch, CancellationToken ct)
    {
        WriteResult[] results;
        await using (var conn = await dataSource.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            results = await ProductBatchWriter.WriteAsync(conn, tx, [.. batch.Select(p => p.Write)], ct);
            await tx.CommitAsync(ct);
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Completion.TrySetResult(results[i]);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group commit of {Count} product writes failed; retrying them one by one")]
    private partial void LogBatchFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL rolled back a transaction of {Count} product writes ({SqlState}, attempt {Attempt}); running it again")]
    private partial void LogTransientRetry(string sqlState, int count, int attempt);

    private sealed class Pending(ProductWrite write)
    {
        public ProductWrite Write { get; } = write;

        public TaskCompletionSource<WriteResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
