namespace CatalogHub.Api.Auth;

/// <summary>An API key as listed: never the secret itself.</summary>
public sealed record ApiKey(
    Guid Id,
    string Name,
    string Prefix,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string>? StoreNumbers,
    ApiKeyLimits Limits,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt);

/// <summary>A key just created: the only time its secret is shown.</summary>
public sealed record CreatedApiKey(
    Guid Id,
    string Name,
    string Prefix,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string>? StoreNumbers,
    ApiKeyLimits Limits,
    DateTimeOffset CreatedAt,
    string Key);

/// <summary>What an authenticated key may do, and its own limits.</summary>
public sealed record ApiKeyIdentity(Guid Id, string Name, IReadOnlyList<string> Scopes, IReadOnlyList<string>? StoreNumbers, ApiKeyLimits Limits);
