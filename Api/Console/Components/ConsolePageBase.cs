using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;

namespace CatalogHub.Api.Console.Components;

/// <summary>
/// A statically rendered console page: who is asking, whether they may act, and the outcome of the action a form
/// post ran (its HTTP status becomes the page's, so a refused action is a 403 or 409, not a 200).
/// </summary>
public abstract class ConsolePageBase : ComponentBase
{
    [CascadingParameter] public HttpContext? HttpContext { get; set; }

    [CascadingParameter] public Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] public NavigationManager Nav { get; set; } = null!;

    /// <summary>The outcome of the action this request ran, shown above the page's content.</summary>
    protected ActionOutcome? Outcome { get; private set; }

    protected bool CanAct { get; private set; }

    protected CancellationToken Aborted => HttpContext?.RequestAborted ?? CancellationToken.None;

    /// <summary>The signed-in key, as the API's handlers take it (its callback settings, its stores).</summary>
    protected System.Security.Claims.ClaimsPrincipal User => HttpContext?.User ?? new System.Security.Claims.ClaimsPrincipal();

    protected override async Task OnInitializedAsync()
    {
        CanAct = AuthenticationState is not null && ConsoleAccess.CanAct((await AuthenticationState).User);
    }

    /// <summary>Runs <paramref name="action"/> only for an admin (checked again here, whatever the page showed).</summary>
    protected async Task ActAsync(Func<Task<ActionOutcome>> action)
    {
        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        Outcome = ConsoleAccess.CanAct(user) ? await action() : ActionOutcome.Forbidden;
        if (HttpContext is not null && !Outcome.Succeeded)
        {
            HttpContext.Response.StatusCode = Outcome.Status;
        }
    }
}
