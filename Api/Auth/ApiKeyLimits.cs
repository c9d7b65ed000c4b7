using System.Globalization;
using System.Security.Claims;

namespace CatalogHub.Api.Auth;

/// <summary>
/// A key's own limits on the ingestion API (the <c>limits</c> object of <c>/api/keys</c>); null is the configured
/// default (<c>Hub:Ingest:Limits</c>). They ride on the authenticated principal as claims, so they are as fresh
/// as the key lookup (at most <see cref="ApiKeyStore.CacheTime"/> old).
/// </summary>
public sealed record ApiKeyLimits(int? RequestsPerMinute, int? EntriesPerMinute, long? MaxPayloadBytes, int? MaxEntriesPerRequest)
{
    public const string RequestsPerMinuteClaim = "limit:requests_per_minute";
    public const string EntriesPerMinuteClaim = "limit:entries_per_minute";
    public const string MaxPayloadBytesClaim = "limit:max_payload_bytes";
    public const string MaxEntriesPerRequestClaim = "limit:max_entries_per_request";

    /// <summary>No limits of its own: every limit is the default.</summary>
    public static ApiKeyLimits None { get; } = new(null, null, null, null);

    /// <summary>The claims carrying the limits that are set.</summary>
    public IEnumerable<Claim> ToClaims()
    {
        if (RequestsPerMinute is { } rpm)
        {
            yield return new Claim(RequestsPerMinuteClaim, rpm.ToString(CultureInfo.InvariantCulture));
        }

        if (EntriesPerMinute is { } epm)
        {
            yield return new Claim(EntriesPerMinuteClaim, epm.ToString(CultureInfo.InvariantCulture));
        }

        if (MaxPayloadBytes is { } bytes)
        {
            yield return new Claim(MaxPayloadBytesClaim, bytes.ToString(CultureInfo.InvariantCulture));
        }

        if (MaxEntriesPerRequest is { } entries)
        {
            yield return new Claim(MaxEntriesPerRequestClaim, entries.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The limits <paramref name="user"/>'s key carries (<see cref="ToClaims"/>).</summary>
    public static ApiKeyLimits FromClaims(ClaimsPrincipal user) => new(
        Int(user, RequestsPerMinuteClaim),
        Int(user, EntriesPerMinuteClaim),
        user.FindFirst(MaxPayloadBytesClaim)?.Value is { } bytes ? long.Parse(bytes, CultureInfo.InvariantCulture) : null,
        Int(user, MaxEntriesPerRequestClaim));

    private static int? Int(ClaimsPrincipal user, string type) =>
        user.FindFirst(type)?.Value is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;
}
