using System.Diagnostics;
using CatalogHub.CatalogSeeder;
using CatalogHub.Silo.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

// Fills a Catalog Hub database with a synthetic catalog for measurement; see SeederOptions.Usage.
var options = SeederOptions.Parse(args, Console.Error);
if (options is null)
{
    return 2;
}

var connection = options.Connection ?? await LocalServer.StartAsync(options.PgData!);
var total = Stopwatch.StartNew();
await using var dataSource = new NpgsqlDataSourceBuilder(
    new NpgsqlConnectionStringBuilder(connection) { Options = "-c synchronous_commit=off", CommandTimeout = 0 }.ConnectionString).Build();
Console.WriteLine($"Migrating {new NpgsqlConnectionStringBuilder(connection).Database} ...");
await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync();

var catalog = new SyntheticCatalog(options.Seed);
var loader = new CatalogLoader(dataSource, catalog, Console.Out);
if (options.Truncate)
{
    await loader.TruncateAsync();
}
else if (!await loader.IsEmptyAsync())
{
    await Console.Error.WriteLineAsync("The catalog is not empty; pass --truncate to replace it.");
    return 1;
}

var (variants, pushed) = await loader.LoadAsync(options.Products, options.VariantsPerProduct, options.Customers);
Console.WriteLine($"{options.Products:N0} products, {variants:N0} variants and {pushed:N0} push-log rows in {total.Elapsed.TotalSeconds:F1} s (VACUUM ANALYZE included)");
var shown = new Npgsql.NpgsqlConnectionStringBuilder(connection) { Password = null }; // never print the password
Console.WriteLine($"Connection: {shown.ConnectionString}");
return 0;

/// <summary>A throwaway local PostgreSQL for measurement (PostgresCluster, trust auth on loopback).</summary>
internal static class LocalServer
{
    public static async Task<string> StartAsync(string dataDirectory)
    {
        var cluster = new PostgresCluster(dataDirectory);
        if (!cluster.IsInitialized)
        {
            await cluster.InitializeAsync(password: null);
        }

        var port = cluster.RunningPort();
        if (port is null)
        {
            port = PostgresCluster.FreePort(55432);
            await cluster.StartAsync(port.Value, new Dictionary<string, string>
            {
                ["shared_buffers"] = "1GB",
                ["max_connections"] = "200",
                ["maintenance_work_mem"] = "512MB",
            });
        }

        var server = PostgresCluster.ConnectionString(port.Value, "postgres", null);
        await DatabaseAdmin.EnsureDatabaseAsync(server, "catalog");
        Console.WriteLine($"PostgreSQL in {dataDirectory} on port {port}; stop it with: pg_ctl stop -D {Path.GetFullPath(dataDirectory)}");
        return PostgresCluster.ConnectionString(port.Value, "catalog", null);
    }
}
