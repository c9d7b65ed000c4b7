namespace CatalogHub.SupplierSimulator.Knobs;

/// <summary>
/// Applies the knobs to a SOAP call before it is handled, in this order: the rate limit (a fixed
/// one-second window over all services), latency, then an injected fault. Returns false when the call was
/// answered (or dropped) here.
/// </summary>
public sealed class FaultInjection(SimulatorControl control, TimeProvider time)
{
    private readonly Lock _gate = new();
    private long _window = -1;
    private int _inWindow;

    public async Task<bool> ProceedAsync(HttpContext http)
    {
        var knobs = control.Knobs;
        var ct = http.RequestAborted;
        if (knobs.RateLimitPerSecond > 0 && !Admit(knobs.RateLimitPerSecond))
        {
            http.Response.StatusCode = knobs.RateLimitStatus;
            http.Response.Headers.RetryAfter = "1";
            await http.Response.WriteAsync("rate limit exceeded", ct);
            return false;
        }

        var latency = knobs.LatencyMaxMs > knobs.LatencyMinMs
            ? Random.Shared.Next(knobs.LatencyMinMs, knobs.LatencyMaxMs + 1)
            : knobs.LatencyMinMs;
        if (latency > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(latency), time, ct);
        }

        if (knobs.FaultRate <= 0 || Random.Shared.NextDouble() >= knobs.FaultRate)
        {
            return true;
        }

        if (knobs.FaultKind == FaultKind.Hang)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(knobs.HangSeconds), time, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // The client gave up: that is what a hang is for.
            }

            http.Abort();
            return false;
        }

        http.Response.StatusCode = StatusCodes.Status500InternalServerError;
        await http.Response.WriteAsync("simulated transient fault", ct);
        return false;
    }

    private bool Admit(int perSecond)
    {
        var window = time.GetTimestamp() / time.TimestampFrequency;
        lock (_gate)
        {
            if (window != _window)
            {
                _window = window;
                _inWindow = 0;
            }

            return ++_inWindow <= perSecond;
        }
    }
}
