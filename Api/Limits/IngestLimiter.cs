using System.Security.Claims;
using CatalogHub.Api.Auth;
using CatalogHub.Grains.Limits;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace CatalogHub.Api.Limits;

/// <summary>
/// The ingestion API's per-key limits, for its endpoints: requests and entries per minute are counted by the key's
/// <see cref="IRateLimitGrain"/> (one budget for the whole cluster); payload size and entries per request are
/// for the body reader (<see cref="LimitsOf"/>). A key's limits are its own where set, else <c>Hub:Ingest:Limits</c>.
/// </summary>
/// <remarks>
/// When the key's grain cannot be reached — the silo holding it died and the cluster has not yet noticed — the
/// request is let through rather than failed: the budget lived in that silo's memory and is gone anyway, and a
/// client should not get a 500 for the hub's own outage. The next request after the cluster recovers counts again.
/// </remarks>
public sealed partial class IngestLimiter(IGrainFactory grains, IOptionsMonitor<IngestLimitsOptions> options, ILogger<IngestLimiter> logger)
{
    /// <summary>The effective limits of the authenticated key of <paramref name="context"/>.</summary>
    public KeyLimits LimitsOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var own = ApiKeyLimits.FromClaims(context.User);
        var defaults = options.CurrentValue;
        return new KeyLimits(
            own.RequestsPerMinute ?? defaults.RequestsPerMinute,
            own.EntriesPerMinute ?? defaults.EntriesPerMinute,
            own.MaxPayloadBytes ?? defaults.MaxPayloadBytes,
            own.MaxEntriesPerRequest ?? defaults.MaxEntriesPerRequest);
    }

    /// <summary>Counts one request of the key; the 429 to answer when it is over its requests per minute, else null.</summary>
    public Task<IResult?> AcquireRequestAsync(HttpContext context) => AcquireAsync(context, 1, 0);

    /// <summary>
    /// Counts <paramref name="entries"/> entries of the key; the 429 to answer when they do not fit in its entries per
    /// minute (nothing is counted then), else null. Zero entries count nothing and call no grain.
    /// </summary>
    public Task<IResult?> AcquireEntriesAsync(HttpContext context, int entries)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(entries);
        return entries == 0 ? Task.FromResult<IResult?>(null) : AcquireAsync(context, 0, entries);
    }

    private async Task<IResult?> AcquireAsync(HttpContext context, int requests, int entries)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = KeyIdOf(context.User);
        RateDecision decision;
        try
        {
            decision = await grains.GetGrain<IRateLimitGrain>(key).AcquireAsync(requests, entries, LimitsOf(context));
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            LogLimiterUnreachable(e, key);
            return null;
        }

        return decision.Allowed ? null : new RateLimitedResult(decision.RetryAfterSeconds, decision.Message!);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The rate limit of API key {KeyId} could not be reached; the request is let through")]
    private partial void LogLimiterUnreachable(Exception exception, Guid keyId);

    private static Guid KeyIdOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : throw new InvalidOperationException("Ingestion limits need an authenticated API key: the endpoint must require authorization.");
}
