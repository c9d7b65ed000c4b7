using System.Security.Claims;
using CatalogHub.Api.Auth;

namespace CatalogHub.Api.Console;

/// <summary>Who may do what in the console: <c>read</c> sees, <c>admin</c> acts.</summary>
public static class ConsoleAccess
{
    /// <summary>
    /// True when <paramref name="user"/> may open the console: the read scope, and no store restriction (the console's
    /// lists span every catalog, supplier and target, so a key restricted to stores is refused, 403).
    /// </summary>
    public static bool CanSee(ClaimsPrincipal? user) => user is not null && Scopes.Allows(user, Scopes.Read) && StoreAccess.StoresOf(user) is null;

    /// <summary>True when <paramref name="user"/> may press action buttons (and have them obeyed).</summary>
    public static bool CanAct(ClaimsPrincipal? user) => CanSee(user) && Scopes.Allows(user!, Scopes.Admin);
}
