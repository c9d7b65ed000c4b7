namespace CatalogHub.SupplierSimulator.Knobs;

/// <summary>What an injected fault looks like.</summary>
public enum FaultKind
{
    /// <summary>HTTP 500 with a plain-text body, as a failing gateway answers.</summary>
    Http500,

    /// <summary>No answer until the client gives up (or <see cref="SimulatorKnobs.HangSeconds"/> pass, then the connection is dropped).</summary>
    Hang,
}

/// <summary>
/// The behaviour knobs of a running simulator; immutable, swapped whole (command line, admin endpoint or
/// <see cref="SimulatorControl"/>). They apply to the SOAP endpoints only, never to <c>/admin</c>.
/// </summary>
public sealed record SimulatorKnobs
{
    /// <summary>Latency added to every call: uniform in [min, max] ms (fixed when equal).</summary>
    public int LatencyMinMs { get; init; }

    public int LatencyMaxMs { get; init; }

    /// <summary>Share of calls (0..1) that fail with <see cref="FaultKind"/>.</summary>
    public double FaultRate { get; init; }

    public FaultKind FaultKind { get; init; } = FaultKind.Http500;

    /// <summary>How long a hang lasts at most before the connection is dropped.</summary>
    public int HangSeconds { get; init; } = 300;

    /// <summary>Every call answers error 105 (authentication credentials failed).</summary>
    public bool AuthFailure { get; init; }

    /// <summary>Calls per second (across all services) before <see cref="RateLimitStatus"/> answers; 0 = no limit.</summary>
    public int RateLimitPerSecond { get; init; }

    /// <summary>429 or 500.</summary>
    public int RateLimitStatus { get; init; } = 429;

    /// <summary>The problems of these knobs; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (LatencyMinMs < 0 || LatencyMaxMs < LatencyMinMs)
        {
            problems.Add("latency must satisfy 0 <= latency_min_ms <= latency_max_ms");
        }

        if (FaultRate is < 0 or > 1 || double.IsNaN(FaultRate))
        {
            problems.Add("fault_rate must be between 0 and 1");
        }

        if (HangSeconds < 1)
        {
            problems.Add("hang_seconds must be at least 1");
        }

        if (RateLimitPerSecond < 0)
        {
            problems.Add("rate_limit_per_second must not be negative");
        }

        if (RateLimitStatus is not (429 or 500))
        {
            problems.Add("rate_limit_status must be 429 or 500");
        }

        return problems;
    }
}
