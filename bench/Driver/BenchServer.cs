using CatalogHub.Silo.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CatalogHub.Bench.Driver;

/// <summary>
/// The run's own PostgreSQL: a throwaway cluster (the test fixture's <see cref="PostgresCluster"/>
/// provisioning) tuned for speed but durable — fsync and synchronous_commit on, as production runs it.
/// Removed at the end of the run; leftovers of a crashed run are removed by the next.
/// </summary>
public sealed class BenchServer : IAsyncDisposable
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "hub-bench");
    private readonly PostgresCluster _cluster;

    private BenchServer(PostgresCluster cluster, int port)
    {
        _cluster = cluster;
        Port = port;
    }

    public int Port { get; }

    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["fsync"] = "on",
        ["synchronous_commit"] = "on",
        ["full_page_writes"] = "on",
        ["shared_buffers"] = "1GB",
        ["max_connections"] = "300",
        ["maintenance_work_mem"] = "512MB",
        ["max_wal_size"] = "8GB",
        ["checkpoint_timeout"] = "15min",
        ["track_io_timing"] = "off",
        // Where the time goes (--profile): per-statement execution and planning time.
        ["shared_preload_libraries"] = "pg_stat_statements",
        ["pg_stat_statements.track"] = "all",
        ["pg_stat_statements.track_planning"] = "on",
    };

    public static async Task<BenchServer> StartAsync(TextWriter log)
    {
        await RemoveLeftoversAsync();
        var cluster = new PostgresCluster(Path.Combine(Root, $"pg-{Environment.ProcessId}", "data"));
        await cluster.InitializeAsync(password: null);
        var port = PostgresCluster.FreePort();
        await cluster.StartAsync(port, Settings);
        log.WriteLine($"PostgreSQL on port {port} ({cluster.DataDirectory}; fsync on, synchronous_commit on)");
        return new BenchServer(cluster, port);
    }

    /// <summary>
    /// Stops the server (<c>pg_ctl stop -m fast</c>: clients are disconnected, committed data is safe), keeps it down for
    /// <paramref name="down"/>, and starts it again on the same port with the same settings.
    /// </summary>
    public async Task RestartAsync(TimeSpan down)
    {
        await _cluster.StopAsync("fast");
        await Task.Delay(down);
        await _cluster.StartAsync(Port, Settings);
    }

    public string ConnectionString(string database) => PostgresCluster.ConnectionString(Port, database, null);

    /// <summary>A new, migrated database.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await DatabaseAdmin.EnsureDatabaseAsync(ConnectionString("postgres"), name);
        var connection = ConnectionString(name);
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connection) { Pooling = false, CommandTimeout = 0 }.ConnectionString);
        await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync();
        await using (var cmd = dataSource.CreateCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements"))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.StopAsync("fast");
        Directory.Delete(Path.GetDirectoryName(_cluster.DataDirectory)!, recursive: true);
    }

    private static async Task RemoveLeftoversAsync()
    {
        Directory.CreateDirectory(Root);
        foreach (var dir in Directory.GetDirectories(Root, "pg-*"))
        {
            if (int.TryParse(Path.GetFileName(dir)["pg-".Length..], out var pid) && PostgresCluster.ProcessIsAlive(pid))
            {
                continue;
            }

            await new PostgresCluster(Path.Combine(dir, "data")).StopAsync("immediate");
            Directory.Delete(dir, recursive: true);
        }
    }
}
