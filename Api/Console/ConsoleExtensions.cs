using CatalogHub.Api.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CatalogHub.Api.Console;

/// <summary>
/// The operator console at <c>/console</c>: Razor components rendered on the server (static), with interactive
/// server parts only for live counters and progress. Read needs the <c>read</c> scope; every action re-checks
/// <c>admin</c> on the server.
/// </summary>
public static class ConsoleExtensions
{
    public const string Path = "/console";

    /// <summary>The console's policy: <c>read</c> (or <c>admin</c>), for keys not restricted to stores.</summary>
    public const string PolicyName = "console";

    /// <summary>Services of the console. Call on the host's builder: it also serves the framework's script from build output.</summary>
    public static WebApplicationBuilder AddHubConsole(this WebApplicationBuilder builder)
    {
        // blazor.web.js is a static web asset of the framework: published, it is in wwwroot; run from build output
        // (dotnet run, the tests' silo processes) it is found through the runtime manifest, in any environment.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddSingleton<ConsoleReader>();
        builder.Services.AddAuthorizationBuilder().AddPolicy(PolicyName, p => p.RequireAuthenticatedUser().RequireAssertion(c => ConsoleAccess.CanSee(c.User)));
        return builder;
    }

    /// <summary>Pages, the framework's script and the console's style sheet, and the downloads.</summary>
    public static WebApplication MapHubConsole(this WebApplication app)
    {
        app.UseAntiforgery();
        var manifest = System.IO.Path.Combine(AppContext.BaseDirectory, $"{app.Environment.ApplicationName}.staticwebassets.endpoints.json");
        if (File.Exists(manifest))
        {
            // Scripts and the style sheet hold no data: the sign-in redirect must not depend on them.
            app.MapStaticAssets(manifest).AllowAnonymous();
        }

        app.MapRazorComponents<ConsoleApp>().AddInteractiveServerRenderMode().RequireAuthorization(PolicyName);
        ConsoleDownloads.Map(app);
        return app;
    }
}
