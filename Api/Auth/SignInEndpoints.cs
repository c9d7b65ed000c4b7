using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CatalogHub.Api.Auth;

/// <summary>
/// <c>/signin</c>: a browser trades an API key for the <c>auth_token</c> cookie (HttpOnly, SameSite=Strict),
/// so pages such as <c>/dashboard</c> work without a header. <c>/signout</c> drops the cookie.
/// </summary>
public static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Sign-in").AllowAnonymous();
        group.MapGet("/signin", Form).WithSummary("HTML sign-in form: paste an API key to get the auth_token cookie.");
        group.MapPost("/signin", SignInAsync).WithSummary("Form post of an API key; sets the auth_token cookie and redirects.").DisableAntiforgery();
        group.MapPost("/signout", SignOut).WithSummary("Drops the auth_token cookie.");
        return routes;
    }

    public static ContentHttpResult Form(string? returnUrl) => Page(SafeReturnUrl(returnUrl), error: null, StatusCodes.Status200OK);

    public static async Task<IResult> SignInAsync(HttpContext context, ApiKeyStore store, FailedAuthLimiter limiter)
    {
        // The form is another door to guess keys at: the same failed-attempt limit as the Authorization header.
        var client = ApiKeyAuthenticationHandler.ClientOf(context);
        if (limiter.RetryAfter(client) is { } wait)
        {
            ApiKeyAuthenticationHandler.SetTooManyFailures(context.Response, wait);
            return Page("/dashboard/", $"{ApiKeyAuthenticationHandler.TooManyFailures}; try again in a minute.", StatusCodes.Status429TooManyRequests);
        }

        // Anything but a form (JSON, a broken multipart body) is the caller's mistake, not the server's: no ReadFormAsync throw.
        if (!context.Request.HasFormContentType)
        {
            return TypedResults.Problem(
                detail: "Send the key as a form: Content-Type application/x-www-form-urlencoded (or multipart/form-data) with a 'key' field.",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // A truncated or malformed multipart body (IOException also covers Kestrel's BadHttpRequestException).
            return TypedResults.Problem(detail: $"The form cannot be read: {e.Message}", statusCode: StatusCodes.Status400BadRequest);
        }

        var key = form["key"].ToString().Trim();
        var returnUrl = SafeReturnUrl(form["returnUrl"].ToString());
        if (key.Length == 0 || await store.AuthenticateAsync(key, context.RequestAborted) is null)
        {
            if (key.Length > 0)
            {
                limiter.RecordFailure(client);
            }

            return Page(returnUrl, "That key is not valid (or it was revoked).", StatusCodes.Status401Unauthorized);
        }

        context.Response.Cookies.Append(ApiKeyAuthenticationHandler.CookieName, key, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
        });
        return TypedResults.Redirect(returnUrl);
    }

    public static RedirectHttpResult SignOut(HttpContext context)
    {
        context.Response.Cookies.Delete(ApiKeyAuthenticationHandler.CookieName, new CookieOptions { Path = "/" });
        return TypedResults.Redirect("/signin");
    }

    /// <summary>Only local paths: a sign-in page must not redirect to another site.</summary>
    /// <remarks>Browsers drop tabs and newlines from URLs and read '\\' as '/', so "/\t/evil" would become
    /// "//evil": any control character, whitespace or backslash disqualifies the URL.</remarks>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
            && !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\')
            ? url
            : "/dashboard/";

    private static ContentHttpResult Page(string returnUrl, string? error, int status) => TypedResults.Content($$"""
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Sign in · Catalog Hub</title>
        <style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem}
        input{width:100%;padding:.5rem;margin:.5rem 0;box-sizing:border-box}button{padding:.5rem 1rem}.error{color:#b00020}</style></head>
        <body>
        <h1>Catalog Hub</h1>
        <p>Paste an API key. It is kept in an HttpOnly cookie for this browser only.</p>
        {{(error is null ? "" : $"<p class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(error)}</p>")}}
        <form method="post" action="/signin">
        <label for="key">API key</label>
        <input id="key" name="key" type="password" autocomplete="off" required autofocus>
        <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl)}}">
        <button type="submit">Sign in</button>
        </form>
        </body></html>
        """, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}
