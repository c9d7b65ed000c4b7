using System.Security.Claims;

namespace CatalogHub.Api.Auth;

/// <summary>
/// A key's store restriction (<c>store_numbers</c>, carried as <see cref="Scopes.StoreClaimType"/> claims): a key
/// without one may act for every store; a restricted key only for the stores it lists, compared exactly.
/// </summary>
public static class StoreAccess
{
    /// <summary>True when <paramref name="user"/> may act for <paramref name="storeNumber"/>.</summary>
    public static bool Allows(ClaimsPrincipal user, string storeNumber)
    {
        var stores = StoresOf(user);
        return stores is null || stores.Contains(storeNumber, StringComparer.Ordinal);
    }

    /// <summary>The stores <paramref name="user"/> is restricted to, or null when it may act for all.</summary>
    public static IReadOnlyList<string>? StoresOf(ClaimsPrincipal user)
    {
        var stores = user.FindAll(Scopes.StoreClaimType).Select(c => c.Value).ToArray();
        return stores.Length == 0 ? null : stores;
    }
}
