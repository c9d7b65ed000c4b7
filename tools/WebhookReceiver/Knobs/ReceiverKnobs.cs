namespace CatalogHub.WebhookReceiver.Knobs;

/// <summary>How the receiver answers; immutable, swapped whole (command line, <c>/admin/knobs</c> or <see cref="ReceiverControl"/>).</summary>
public sealed record ReceiverKnobs
{
    /// <summary>The status every POST gets (200 by default; e.g. 503 to fail everything, 410 for a gone endpoint).</summary>
    public int Status { get; init; } = 200;

    /// <summary>Latency before answering.</summary>
    public int LatencyMs { get; init; }

    /// <summary>Answer 401 to a POST whose signature does not verify (it is recorded either way).</summary>
    public bool RequireSignature { get; init; }

    /// <summary>The problems of these knobs; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Status is < 200 or > 599)
        {
            problems.Add("status must be an HTTP status between 200 and 599");
        }

        if (LatencyMs < 0)
        {
            problems.Add("latency_ms must not be negative");
        }

        return problems;
    }
}
