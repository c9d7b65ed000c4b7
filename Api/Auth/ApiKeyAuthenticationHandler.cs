using System.Security.Claims;
using System.Text.Encodings.Web;
using CatalogHub.Api.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CatalogHub.Api.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c> or the <c>auth_token</c> cookie against the
/// <c>api_keys</c> table. Challenges answer 401 and forbids 403, as problem details, except under <c>/api/v1</c>
/// (the ingestion API), where seed 002 fixes the bodies: <c>{"error": "Missing Authorization header"}</c>,
/// <c>{"error": "Invalid Authorization header format"}</c>, <c>{"error": "Invalid or inactive API key"}</c>, and
/// <c>{"error": "API key lacks the '…' scope"}</c> for 403. A present <c>Authorization</c> header must be
/// <c>Bearer &lt;key&gt;</c>; the cookie is read only when there is no header.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore store,
    FailedAuthLimiter limiter,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string CookieName = "auth_token";

    /// <summary>Seed 002's 401 message when neither the header nor the cookie carries a key.</summary>
    public const string MissingHeader = "Missing Authorization header";

    /// <summary>Seed 002's 401 message for an <c>Authorization</c> header that is not <c>Bearer &lt;key&gt;</c>.</summary>
    public const string InvalidFormat = "Invalid Authorization header format";

    /// <summary>Seed 002's 401 message for an unknown or revoked key.</summary>
    public const string InvalidKey = "Invalid or inactive API key";

    /// <summary>The 429 message of a client that sent too many unknown or revoked keys (<see cref="FailedAuthLimiter"/>).</summary>
    public const string TooManyFailures = "Too many failed authentication attempts from this client";

    /// <summary><see cref="HttpContext.Items"/> key holding how long a refused client must wait.</summary>
    private const string RetryAfterItem = "hub:auth-retry-after";

    /// <summary>The client a failed attempt is counted against: its remote address.</summary>
    public static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Sets 429 and Retry-After (whole seconds, at least 1) for a client that must wait <paramref name="wait"/>.</summary>
    public static void SetTooManyFailures(HttpResponse response, TimeSpan wait)
    {
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (secret, problem) = ReadSecret(Request);
        if (problem is not null)
        {
            return AuthenticateResult.Fail(problem);
        }

        if (secret is null)
        {
            return AuthenticateResult.NoResult();
        }

        var client = ClientOf(Context);
        if (limiter.RetryAfter(client) is { } wait)
        {
            // Refused before the lookup: a guesser over its allowance learns nothing, not even from a right guess.
            Context.Items[RetryAfterItem] = wait;
            return AuthenticateResult.Fail(TooManyFailures);
        }

        var identity = await store.AuthenticateAsync(secret, Context.RequestAborted);
        if (identity is null)
        {
            limiter.RecordFailure(client);
            return AuthenticateResult.Fail(InvalidKey);
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, identity.Id.ToString()),
            new(ClaimTypes.Name, identity.Name),
        };
        claims.AddRange(identity.Scopes.Select(s => new Claim(Scopes.ClaimType, s)));
        claims.AddRange((identity.StoreNumbers ?? []).Select(s => new Claim(Scopes.StoreClaimType, s)));
        claims.AddRange(identity.Limits.ToClaims());
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        if (Context.Items[RetryAfterItem] is TimeSpan wait)
        {
            SetTooManyFailures(Response, wait);
            var message = $"{TooManyFailures}; retry after {Response.Headers.RetryAfter} s.";
            if (SpecErrors.Applies(Request))
            {
                await Response.WriteAsJsonAsync(new ErrorResponse(message), Context.RequestAborted);
                return;
            }

            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = Context,
                ProblemDetails = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "Too Many Requests", Detail = message },
            });
            return;
        }

        if (SpecErrors.Applies(Request))
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Response.Headers.WWWAuthenticate = "Bearer";
            await Response.WriteAsJsonAsync(new ErrorResponse(result.Failure?.Message ?? MissingHeader), Context.RequestAborted);
            return;
        }

        if (HttpMethods.IsGet(Request.Method) && Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            // A person in a browser: send them to the sign-in page and back.
            Response.Redirect("/signin?returnUrl=" + Uri.EscapeDataString(Request.PathBase + Request.Path + Request.QueryString));
            return;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = result.Failure?.Message is { } failure
                    ? $"{failure}. Send an API key as 'Authorization: Bearer <key>' or in the auth_token cookie."
                    : "Send an API key as 'Authorization: Bearer <key>' or in the auth_token cookie.",
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        if (SpecErrors.Applies(Request))
        {
            var scope = MissingScope(Context);
            await Response.WriteAsJsonAsync(
                new ErrorResponse(scope is null ? "API key is not allowed to perform this operation" : $"API key lacks the '{scope}' scope"),
                Context.RequestAborted);
            return;
        }

        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Forbidden",
                Detail = "The API key does not have the scope this operation needs.",
            },
        });
    }

    /// <summary>The first scope policy of the endpoint that <paramref name="context"/>'s key does not satisfy, if any.</summary>
    private static string? MissingScope(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(a => a.Policy)
            .FirstOrDefault(p => p is not null && Scopes.All.Contains(p) && !Scopes.Allows(context.User, p));

    /// <summary>The key sent, or why the <c>Authorization</c> header is unusable; (null, null) when no key was sent.</summary>
    private static (string? Secret, string? Problem) ReadSecret(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!string.IsNullOrWhiteSpace(header))
        {
            var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
            return token.Length == 0 || token.Any(char.IsWhiteSpace) ? (null, InvalidFormat) : (token, null);
        }

        return request.Cookies.TryGetValue(CookieName, out var cookie) && !string.IsNullOrWhiteSpace(cookie) ? (cookie, null) : (null, null);
    }
}
