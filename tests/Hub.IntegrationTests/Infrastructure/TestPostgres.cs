using CatalogHub.Silo.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CatalogHub.IntegrationTests.Infrastructure;

/// <summary>
/// One PostgreSQL server per test run: a throwaway cluster (initdb into a temp folder, random port,
/// fsync off) or, when <c>HUB_TEST_PG</c> is set, that server. A template database is migrated once; each
/// test class gets its own database copied from it. Everything is removed when the run ends, and the
/// leftovers of a run that crashed are removed by the next one.
/// </summary>
public sealed class TestPostgres
{
    private static readonly Lazy<Task<TestPostgres>> Shared = new(StartAsync);
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "hub-tests");
    private static int _databases;

    private readonly SemaphoreSlim _createLock = new(1, 1);
    private readonly PostgresCluster? _cluster;

    private TestPostgres(string serverConnectionString, PostgresCluster? cluster)
    {
        ServerConnectionString = serverConnectionString;
        _cluster = cluster;
    }

    /// <summary>The run's server, started on first use.</summary>
    public static Task<TestPostgres> InstanceAsync() => Shared.Value;

    /// <summary>Connection string to the server's <c>postgres</c> database.</summary>
    public string ServerConnectionString { get; }

    /// <summary>Databases of this run are named <c>hubt_{pid}_…</c>, so a later run can tell whose they are.</summary>
    private static string RunPrefix => $"hubt_{Environment.ProcessId}_";

    private static string TemplateName => RunPrefix + "template";

    /// <summary>Connection string of <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString;

    /// <summary>A new database with every migration applied (copied from the template).</summary>
    public Task<string> CreateMigratedDatabaseAsync() => CreateDatabaseAsync(TemplateName);

    /// <summary>A new database; empty unless a template is given.</summary>
    public async Task<string> CreateDatabaseAsync(string? template = null)
    {
        var name = RunPrefix + Interlocked.Increment(ref _databases);
        await _createLock.WaitAsync();
        try
        {
            await DatabaseAdmin.EnsureDatabaseAsync(ServerConnectionString, name, template);
        }
        finally
        {
            _createLock.Release();
        }

        return ConnectionString(name);
    }

    private static async Task<TestPostgres> StartAsync()
    {
        TestPostgres server;
        if (Environment.GetEnvironmentVariable("HUB_TEST_PG") is { Length: > 0 } external)
        {
            server = new TestPostgres(new NpgsqlConnectionStringBuilder(external) { Database = "postgres" }.ConnectionString, null);
            await server.DropDatabasesOfDeadRunsAsync();
        }
        else
        {
            await RemoveLeftoversAsync();
            var cluster = new PostgresCluster(Path.Combine(Root, $"pg-{Environment.ProcessId}", "data"));
            await cluster.InitializeAsync(password: null);
            var port = PostgresCluster.FreePort();
            await cluster.StartAsync(port, new Dictionary<string, string>
            {
                ["fsync"] = "off",
                ["synchronous_commit"] = "off",
                ["full_page_writes"] = "off",
                ["max_connections"] = "300",
                ["shared_buffers"] = "256MB",
            });
            server = new TestPostgres(PostgresCluster.ConnectionString(port, "postgres", null), cluster);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Cleanup();
        await DatabaseAdmin.EnsureDatabaseAsync(server.ServerConnectionString, TemplateName);
        await using (var template = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server.ConnectionString(TemplateName)) { Pooling = false }.ConnectionString))
        {
            await new MigrationRunner(template, NullLogger<MigrationRunner>.Instance).ApplyAsync();
        }

        return server;
    }

    private void Cleanup()
    {
        try
        {
            if (_cluster is not null)
            {
                _cluster.StopAsync("immediate").GetAwaiter().GetResult();
                Directory.Delete(Path.GetDirectoryName(_cluster.DataDirectory)!, recursive: true);
            }
            else
            {
                DropDatabasesAsync(name => name.StartsWith(RunPrefix, StringComparison.Ordinal)).GetAwaiter().GetResult();
            }
        }
        catch (Exception e) when (e is IOException or LocalPostgresException or NpgsqlException or UnauthorizedAccessException)
        {
            // Best effort at exit: the next run removes what is left.
        }
    }

    /// <summary>Stops and deletes the servers of earlier runs whose test process is gone.</summary>
    private static async Task RemoveLeftoversAsync()
    {
        if (!Directory.Exists(Root))
        {
            Directory.CreateDirectory(Root);
            return;
        }

        foreach (var dir in Directory.GetDirectories(Root, "pg-*"))
        {
            if (int.TryParse(Path.GetFileName(dir)["pg-".Length..], out var pid) && PostgresCluster.ProcessIsAlive(pid))
            {
                continue;
            }

            var leftover = new PostgresCluster(Path.Combine(dir, "data"));
            await leftover.StopAsync("immediate");
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
                // Removed under us: by a test run starting at the same time, or by the stopping server itself.
            }
        }
    }

    private Task DropDatabasesOfDeadRunsAsync() => DropDatabasesAsync(name =>
    {
        var parts = name.Split('_');
        return parts.Length >= 3 && parts[0] == "hubt" && int.TryParse(parts[1], out var pid) && !PostgresCluster.ProcessIsAlive(pid);
    });

    private async Task DropDatabasesAsync(Func<string, bool> which)
    {
        var names = new List<string>();
        await using (var conn = new NpgsqlConnection(ServerConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'hubt\\_%'", conn);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        foreach (var name in names.Where(which))
        {
            await DatabaseAdmin.DropDatabaseAsync(ServerConnectionString, name);
        }
    }
}
