using CatalogHub.Api.Auth;
using CatalogHub.Silo.Database;
using Npgsql;

namespace CatalogHub.Silo.Hosting;

/// <summary>Connects the host to its PostgreSQL database: the configured one, or the local no-setup cluster.</summary>
public static class DatabaseHosting
{
    /// <summary>
    /// Validates the configuration, resolves the database (starting the local cluster when no
    /// <c>ConnectionStrings:Hub</c> is set) and registers the <see cref="NpgsqlDataSource"/>.
    /// </summary>
    public static async Task<HubOptions> AddHubDatabaseAsync(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetHubOptions();
        var connectionString = builder.Configuration.GetConnectionString("Hub");
        var problems = HubOptionsValidator.Validate(options, connectionString);
        if (problems.Count > 0)
        {
            throw new HubConfigurationException(problems);
        }

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var local = await LocalDatabase.StartAsync(options.LocalDataDirectory, Console.Out);
            connectionString = local.ConnectionString;
            builder.Configuration["ConnectionStrings:Hub"] = connectionString;
            // A developer's machine: the demo's webhook receiver and Shopify simulator listen on 127.0.0.1.
            builder.Configuration["Hub:Outbox:AllowPrivateNetworks"] ??= "true";
            // The key ring's own key, kept beside the database but outside it (mode 600), unless one is configured.
            builder.Configuration["Hub:Secrets:KeyRingKey"] ??= await local.KeyRingKeyAsync();
            builder.Services.AddSingleton(local);
        }

        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(WithDefaults(connectionString)));
        builder.Services.AddSingleton<MigrationRunner>();
        builder.Services.AddOptions<HubOptions>().BindConfiguration(HubOptions.Section);
        return options;
    }

    /// <summary>
    /// The hub's defaults for settings the operator's connection string leaves out: statements the hub runs
    /// over and over (stamp reads, product writes, list pages) are prepared automatically after two uses on a
    /// connection, which saves PostgreSQL re-planning them — measured as a third of its time in a sync
    /// (docs/performance.md). PostgreSQL's JIT compilation is off: the hub's statements are short, and a plan
    /// whose estimate passes <c>jit_above_cost</c> paid 270–420 ms of compiling for 4 ms of work (the group read
    /// of 500 product keys during an ingestion, docs/performance.md).
    /// </summary>
    public static string WithDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase) && !connectionString.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        if (builder.Options?.Contains("jit", StringComparison.OrdinalIgnoreCase) != true)
        {
            builder.Options = string.Join(' ', new[] { builder.Options, "-c jit=off" }.Where(o => !string.IsNullOrWhiteSpace(o)));
        }

        return builder.ConnectionString;
    }

    /// <summary>Reads the <c>Hub</c> section.</summary>
    public static HubOptions GetHubOptions(this IConfiguration configuration) =>
        configuration.GetSection(HubOptions.Section).Get<HubOptions>() ?? new HubOptions();

    /// <summary>
    /// Before the silo starts: applies pending migrations (the Orleans providers read their queries from
    /// them), creates the bootstrap admin key, and in local mode the dev admin key.
    /// </summary>
    public static async Task PrepareHubDatabaseAsync(this WebApplication app)
    {
        if (await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync() > 0)
        {
            // A migration may have created types (e.g. the ltree extension) after the data source loaded its
            // type catalogue on its first connection; without a reload those parameters fail to bind.
            await app.Services.GetRequiredService<NpgsqlDataSource>().ReloadTypesAsync();
        }
        var options = app.Services.GetRequiredService<IConfiguration>().GetHubOptions();
        var keys = app.Services.GetRequiredService<ApiKeyStore>();
        if (options.BootstrapAdminKey is { Length: > 0 } bootstrap)
        {
            await keys.EnsureAsync(bootstrap, "bootstrap admin", [Scopes.Admin]);
        }

        if (app.Services.GetService<LocalDatabase>() is { } local)
        {
            await EnsureDevAdminKeyAsync(local, keys);
            app.Lifetime.ApplicationStopped.Register(() => local.StopIfUnusedAsync(Console.Out).GetAwaiter().GetResult());
        }
    }

    private static async Task EnsureDevAdminKeyAsync(LocalDatabase local, ApiKeyStore keys)
    {
        if (File.Exists(local.DevAdminKeyFile))
        {
            await keys.EnsureAsync((await File.ReadAllTextAsync(local.DevAdminKeyFile)).Trim(), "dev admin", [Scopes.Admin]);
            Console.WriteLine($"Dev admin key: in {local.DevAdminKeyFile}");
            return;
        }

        var key = ApiKeySecret.Generate();
        await keys.EnsureAsync(key, "dev admin", [Scopes.Admin]);
        await LocalDatabase.WriteOwnerOnlyAsync(local.DevAdminKeyFile, key);
        // Shown once, on the first run of the local no-setup mode only; never through the logger.
        Console.WriteLine($"Dev admin key (first run; also saved in {local.DevAdminKeyFile}): {key}");
    }
}
