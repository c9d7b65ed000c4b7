using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace CatalogHub.Api.Auth;

/// <summary>Registers API-key authentication and one policy per scope.</summary>
public static class AuthExtensions
{
    public static IServiceCollection AddHubAuth(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyStore>();
        services.AddOptions<FailedAuthOptions>().BindConfiguration(FailedAuthOptions.Section)
            .Validate(o => o.FailuresPerMinute > 0, $"{FailedAuthOptions.Section}:FailuresPerMinute must be positive.").ValidateOnStart();
        services.AddSingleton<FailedAuthLimiter>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationHandler.SchemeName, _ => { });
        var authorization = services.AddAuthorizationBuilder()
            // Every endpoint needs a key unless it says AllowAnonymous: a new endpoint is closed by default.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var scope in Scopes.All)
        {
            authorization.AddPolicy(scope, p => p.RequireAuthenticatedUser().RequireAssertion(ctx => Scopes.Allows(ctx.User, scope)));
        }

        return services;
    }
}
