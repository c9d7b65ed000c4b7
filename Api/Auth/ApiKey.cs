namespace CatalogHub.Api.Auth;

/// <summary>
/// An API key as listed: never the secret itself. <c>callback_url</c> is the default URL its jobs report their end to;
/// <c>callback_secret</c> is <c>"set"</c> when the key has a callback signing secret (never the secret), else null.
/// </summary>
public sealed record ApiKey(
    Guid Id,
    string Name,
    string Prefix,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string>? StoreNumbers,
    ApiKeyLimits Limits,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt,
    string? CallbackUrl = null,
    string? CallbackSecret = null);

/// <summary>A key just created: the only time its secret is shown.</summary>
public sealed record CreatedApiKey(
    Guid Id,
    string Name,
    string Prefix,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string>? StoreNumbers,
    ApiKeyLimits Limits,
    DateTimeOffset CreatedAt,
    string Key)
{
    public string? CallbackUrl { get; init; }

    /// <summary><c>"set"</c> when the key has a callback signing secret; never the secret.</summary>
    public string? CallbackSecret { get; init; }
}

/// <summary>What an authenticated key may do, and its own limits.</summary>
public sealed record ApiKeyIdentity(Guid Id, string Name, IReadOnlyList<string> Scopes, IReadOnlyList<string>? StoreNumbers, ApiKeyLimits Limits);
