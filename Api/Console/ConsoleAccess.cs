using System.Security.Claims;
using CatalogHub.Api.Auth;

namespace CatalogHub.Api.Console;

/// <summary>Who may do what in the console: <c>read</c> sees, <c>admin</c> acts.</summary>
public static class ConsoleAccess
{
    /// <summary>True when <paramref name="user"/> may press action buttons (and have them obeyed).</summary>
    public static bool CanAct(ClaimsPrincipal? user) => user is not null && Scopes.Allows(user, Scopes.Admin);
}
