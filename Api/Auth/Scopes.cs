using System.Security.Claims;

namespace CatalogHub.Api.Auth;

/// <summary>The scopes an API key can carry. <c>admin</c> includes the others.</summary>
public static class Scopes
{
    public const string Admin = "admin";
    public const string Ingest = "ingest";
    public const string Read = "read";

    /// <summary>Every scope, in a stable order.</summary>
    public static readonly IReadOnlyList<string> All = [Admin, Ingest, Read];

    /// <summary>Claim type carrying one scope.</summary>
    public const string ClaimType = "scope";

    /// <summary>Claim type carrying one store the key is restricted to.</summary>
    public const string StoreClaimType = "store";

    /// <summary>True when <paramref name="user"/> may act with <paramref name="scope"/>.</summary>
    public static bool Allows(ClaimsPrincipal user, string scope) =>
        user.HasClaim(ClaimType, Admin) || user.HasClaim(ClaimType, scope);
}
