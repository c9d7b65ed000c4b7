namespace CatalogHub.WebhookReceiver.Knobs;

/// <summary>
/// Changes a running receiver: its knobs, a number of next requests to fail, its signing secrets. Shared by
/// <c>/admin</c> and in-process tests (<see cref="RunningWebhookReceiver.Control"/>).
/// </summary>
public sealed class ReceiverControl(ReceiverOptions options)
{
    private readonly Lock _gate = new();
    private ReceiverKnobs _knobs = options.Knobs;
    private IReadOnlyList<string> _secrets = options.Secrets;
    private int _failNext;
    private int _failStatus = 503;

    public ReceiverOptions Options { get; } = options;

    public ReceiverKnobs Knobs => Volatile.Read(ref _knobs);

    /// <summary>The secrets a signature may be made with (any one verifies).</summary>
    public IReadOnlyList<string> Secrets => Volatile.Read(ref _secrets);

    /// <summary>How many of the next requests still get the <see cref="FailNext"/> status.</summary>
    public int PendingFailures
    {
        get
        {
            lock (_gate)
            {
                return _failNext;
            }
        }
    }

    /// <summary>Replaces the knobs; throws <see cref="ArgumentException"/> when they are invalid.</summary>
    public ReceiverKnobs Set(ReceiverKnobs knobs)
    {
        var problems = knobs.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(knobs));
        }

        Volatile.Write(ref _knobs, knobs);
        return knobs;
    }

    /// <summary>Changes some knobs, e.g. <c>Update(k =&gt; k with { Status = 410 })</c>.</summary>
    public ReceiverKnobs Update(Func<ReceiverKnobs, ReceiverKnobs> change) => Set(change(Knobs));

    /// <summary>Back to the knobs the receiver started with, and no pending failures.</summary>
    public ReceiverKnobs Reset()
    {
        FailNext(0);
        return Set(Options.Knobs);
    }

    /// <summary>The next <paramref name="count"/> requests answer <paramref name="status"/> (then the knobs apply again).</summary>
    public void FailNext(int count, int status = 503)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 200);
        lock (_gate)
        {
            _failNext = count;
            _failStatus = status;
        }
    }

    /// <summary>Replaces the signing secrets.</summary>
    public void SetSecrets(params string[] secrets) => Volatile.Write(ref _secrets, [.. secrets]);

    /// <summary>The status a pending failure imposes on this request (consuming it), or null.</summary>
    internal int? TakeFailure()
    {
        lock (_gate)
        {
            if (_failNext == 0)
            {
                return null;
            }

            _failNext--;
            return _failStatus;
        }
    }
}
