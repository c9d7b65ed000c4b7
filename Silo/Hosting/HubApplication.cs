using CatalogHub.Api;
using CatalogHub.Api.Console;
using CatalogHub.Grains.Catalog;
using CatalogHub.Grains.Imports;
using CatalogHub.Grains.Ingest;
using CatalogHub.Silo.Demo;
using CatalogHub.Silo.Outbox;
using CatalogHub.Silo.Suppliers;

namespace CatalogHub.Silo.Hosting;

/// <summary>Builds the one process the hub is: an Orleans silo, the HTTP API and the dashboard.</summary>
public static class HubApplication
{
    /// <summary>
    /// Builds the application with its database ready (migrated, keys bootstrapped). Tests and the benchmark
    /// call this with their own configuration; <c>Program</c> calls it with the command line.
    /// </summary>
    public static async Task<WebApplication> CreateAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder);
        builder.UseDefaultUrl("http://127.0.0.1:8080");

        var options = await builder.AddHubDatabaseAsync();
        var target = new Npgsql.NpgsqlConnectionStringBuilder(builder.Configuration.GetConnectionString("Hub"));
        StartupDatabase = $"'{target.Database}' at {target.Host}:{target.Port}";
        builder.AddHubObservability();
        // Hosted services stop in reverse order: the store, registered before the silo, stops after it,
        // so grains finishing their work during the silo's shutdown still get their writes committed.
        builder.Services.AddCatalogStore();
        builder.Services.AddIngestJobs();
        builder.Services.AddFeedImports();
        builder.AddHubSuppliers();
        builder.UseHubOrleans(options);
        builder.AddHubOutbox();
        builder.Services.AddHostedService<Ingest.PurgeScheduler>();
        builder.AddHubDemo();
        builder.Services.AddHubApi();
        builder.AddHubConsole();

        var app = builder.Build();
        await app.PrepareHubDatabaseAsync();
        await app.PrepareSupplierSecretsAsync();
        app.MapHubApi();
        app.MapHubDashboard();
        app.MapHubConsole();
        return app;
    }

    /// <summary>Runs the hub until it is stopped; a configuration or provisioning mistake exits 2 with its message.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication app;
        try
        {
            app = await CreateAsync(args);
        }
        catch (Exception e) when (e is HubConfigurationException or Database.LocalPostgresException)
        {
            await Console.Error.WriteLineAsync($"Catalog Hub cannot start. {e.Message}");
            return 2;
        }
        catch (Npgsql.NpgsqlException e) when (StartupDatabase is { } target)
        {
            // Before the silo runs, a database error means the configured database is unusable: say which one.
            await Console.Error.WriteLineAsync($"Catalog Hub cannot start. The database {target} is not usable: {e.Message}");
            return 3;
        }

        await using (app)
        {
            await app.RunAsync();
        }

        return 0;
    }

    /// <summary>Host, port and database of the configured database (never the password), for start-up errors.</summary>
    private static string? StartupDatabase { get; set; }

    private static void UseDefaultUrl(this WebApplicationBuilder builder, string url)
    {
        var configured = builder.Configuration["urls"] ?? builder.Configuration["http_ports"] ?? builder.Configuration["https_ports"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            builder.WebHost.UseUrls(url);
        }
    }
}
