using System.Security.Claims;
using CatalogHub.Api.Auth;
using CatalogHub.Grains.Callbacks;

namespace CatalogHub.Api.Callbacks;

/// <summary>Picks a new job's callback from the request's <c>callback_url</c> and the calling key's settings (read fresh).</summary>
public sealed class CallbackChooser(ApiKeyStore keys)
{
    /// <summary>The job's callback (null: none), or the message for a 422 on <c>callback_url</c>.</summary>
    public async Task<(JobCallback? Callback, string? Error)> ChooseAsync(ClaimsPrincipal user, string? requested, bool useDefault, CancellationToken ct)
    {
        if (!Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var keyId))
        {
            return string.IsNullOrEmpty(requested) ? (null, null) : (null, "needs a request made with an API key");
        }

        return CallbackRules.Choose(requested, keyId, await keys.CallbackAsync(keyId, ct), useDefault);
    }
}
