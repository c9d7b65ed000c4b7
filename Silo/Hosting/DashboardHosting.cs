using CatalogHub.Api.Auth;
using Orleans.Dashboard;

namespace CatalogHub.Silo.Hosting;

/// <summary>The Orleans dashboard, served by this process's HTTP server at <c>/dashboard</c> (admin only).</summary>
public static class DashboardHosting
{
    public const string Path = "/dashboard";

    /// <summary>Collects the grain and silo statistics the dashboard shows.</summary>
    public static ISiloBuilder AddHubDashboard(this ISiloBuilder silo) =>
        silo.AddDashboard(o =>
        {
            o.CounterUpdateIntervalMs = 2000;
            // The log stream would show every log line of the silo to the browser; our logs stay in our logs.
            o.HideTrace = true;
        });

    /// <summary>Maps the dashboard's pages and data endpoints; a browser authenticates with the auth_token cookie.</summary>
    public static WebApplication MapHubDashboard(this WebApplication app)
    {
        app.MapOrleansDashboard(routePrefix: Path).RequireAuthorization(Scopes.Admin).ExcludeFromDescription();
        return app;
    }
}
