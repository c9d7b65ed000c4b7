namespace CatalogHub.Grains.SyncJobs;

/// <summary>
/// Buffers a running job's finished refs and writes them (with the counters) every
/// <see cref="SyncJobOptions.CheckpointInterval"/> or <see cref="SyncJobOptions.CheckpointBatch"/> markers:
/// a crash loses at most that window, whose products are hydrated again on resume (an unchanged product then
/// writes nothing, so none is stored twice).
/// </summary>
public sealed class Checkpoint(SyncJobStore store, Guid jobId, SyncJobOptions options) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _full = new(0);
    private List<RefMarker> _buffer = [];
    private Task? _loop;

    /// <summary>The counters as of the last write.</summary>
    public (int Success, int Failed) Counts { get; private set; }

    public void Start() => _loop = Task.Run(LoopAsync);

    public void Add(RefMarker marker)
    {
        bool full;
        lock (_gate)
        {
            _buffer.Add(marker);
            full = _buffer.Count == options.CheckpointBatch;
        }

        if (full)
        {
            _full.Release();
        }
    }

    /// <summary>Writes what is buffered (not cancellable: what was done must be recorded).</summary>
    public async Task<(int Success, int Failed)> FlushAsync()
    {
        await _writing.WaitAsync();
        try
        {
            List<RefMarker> batch;
            lock (_gate)
            {
                batch = _buffer;
                _buffer = [];
            }

            if (batch.Count > 0)
            {
                try
                {
                    Counts = await store.FlushAsync(jobId, batch, options.MaxStoredErrors);
                }
                catch
                {
                    lock (_gate)
                    {
                        batch.AddRange(_buffer);
                        _buffer = batch;
                    }

                    throw;
                }
            }

            return Counts;
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Stops the periodic writes and writes the rest.</summary>
    public async Task<(int Success, int Failed)> CompleteAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        return await FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _stop.Dispose();
        _writing.Dispose();
        _full.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _full.WaitAsync(options.CheckpointInterval, _stop.Token);
                await FlushAsync();
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
            {
                // The markers went back into the buffer; the next write (or the final one) retries them.
            }
        }
    }
}
