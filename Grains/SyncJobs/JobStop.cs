namespace CatalogHub.Grains.SyncJobs;

/// <summary>
/// How a running job is stopped: <see cref="Cancel"/> ends it (failed, with a <c>cancelled</c> error);
/// <see cref="Interrupt"/> (the activation is going away) only stops it, to be resumed from its checkpoint.
/// </summary>
#pragma warning disable CA1001 // A CancellationTokenSource without a timer holds nothing to release; the job's grain drops it with the run.
public sealed class JobStop
#pragma warning restore CA1001
{
    private readonly CancellationTokenSource _cts = new();
    private volatile string? _cancelReason;

    public CancellationToken Token => _cts.Token;

    /// <summary>Set when the job was cancelled rather than interrupted.</summary>
    public string? CancelReason => _cancelReason;

    public void Cancel(string reason)
    {
        _cancelReason ??= reason;
        _cts.Cancel();
    }

    public void Interrupt() => _cts.Cancel();
}
