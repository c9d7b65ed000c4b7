using Npgsql;

namespace CatalogHub.Silo.Database;

/// <summary>
/// The no-setup mode: a private PostgreSQL cluster under <c>.hub/pgdata</c>, created on first run, started
/// on a free loopback port, reused by later runs (and by a second local silo), stopped by the last process
/// that uses it. Its password and the dev admin key live beside it, readable by
/// the owner only.
/// </summary>
public sealed class LocalDatabase
{
    public const string DatabaseName = "hub";

    /// <summary>Tags this process's connections, so it can tell whether other silos still use the server.</summary>
    private static readonly string OwnApplicationName = $"catalog-hub-{Environment.ProcessId}";

    private readonly PostgresCluster _cluster;

    private LocalDatabase(PostgresCluster cluster, string connectionString, bool startedHere)
    {
        _cluster = cluster;
        ConnectionString = connectionString;
        StartedHere = startedHere;
    }

    /// <summary>Connection string of the <c>hub</c> database.</summary>
    public string ConnectionString { get; }

    /// <summary>True when this process started the server.</summary>
    public bool StartedHere { get; }

    /// <summary>The folder holding the data directory, the password and the dev admin key.</summary>
    public string HomeDirectory => Path.GetDirectoryName(_cluster.DataDirectory)!;

    /// <summary>Where the dev admin key is kept.</summary>
    public string DevAdminKeyFile => Path.Combine(HomeDirectory, "dev-admin-key");

    /// <summary>Where the key that encrypts the Data Protection key ring is kept (created on first use).</summary>
    public string KeyRingKeyFile => Path.Combine(HomeDirectory, "key-ring-key");

    /// <summary>The local key-ring key (base64 of 32 bytes), created with mode 600 on first use.</summary>
    public async Task<string> KeyRingKeyAsync(CancellationToken ct = default)
    {
        if (!File.Exists(KeyRingKeyFile))
        {
            // Written aside, then moved into place unless another silo starting at the same time was first: every
            // silo of the local cluster reads the same key.
            var candidate = $"{KeyRingKeyFile}.{Environment.ProcessId}";
            await WriteOwnerOnlyAsync(candidate, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), ct);
            try
            {
                File.Move(candidate, KeyRingKeyFile, overwrite: false);
            }
            catch (IOException) when (File.Exists(KeyRingKeyFile))
            {
                File.Delete(candidate);
            }
        }

        return (await File.ReadAllTextAsync(KeyRingKeyFile, ct)).Trim();
    }

    /// <summary>Creates (first run) or reuses the local cluster, starts it if needed, ensures the database.</summary>
    public static async Task<LocalDatabase> StartAsync(string dataDirectory, TextWriter log, CancellationToken ct = default)
    {
        var cluster = new PostgresCluster(dataDirectory);
        var home = Path.GetDirectoryName(cluster.DataDirectory)!;
        Directory.CreateDirectory(home);
        var passwordFile = Path.Combine(home, "pg-password");
        if (!cluster.IsInitialized)
        {
            log.WriteLine($"Creating a local PostgreSQL cluster in {cluster.DataDirectory} (first run)...");
            var password = RandomPassword();
            await WriteOwnerOnlyAsync(passwordFile, password, ct);
            await cluster.InitializeAsync(password, ct);
        }

        if (!File.Exists(passwordFile))
        {
            throw new LocalPostgresException(
                $"{passwordFile} is missing, so the local cluster in {cluster.DataDirectory} cannot be opened. " +
                $"Delete {home} to start afresh, or set ConnectionStrings__Hub.");
        }

        var secret = (await File.ReadAllTextAsync(passwordFile, ct)).Trim();
        var portFile = Path.Combine(home, "pg-port");
        var startedHere = false;
        var port = cluster.RunningPort();
        if (port is null)
        {
            int? preferred = File.Exists(portFile) && int.TryParse(await File.ReadAllTextAsync(portFile, ct), out var p) ? p : null;
            port = PostgresCluster.FreePort(preferred);
            await cluster.StartAsync(port.Value, ct: ct);
            await File.WriteAllTextAsync(portFile, port.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
            startedHere = true;
            log.WriteLine($"Local PostgreSQL started on 127.0.0.1:{port} ({cluster.DataDirectory}).");
        }
        else
        {
            log.WriteLine($"Using the local PostgreSQL already running on 127.0.0.1:{port}.");
        }

        var server = PostgresCluster.ConnectionString(port.Value, "postgres", secret);
        await DatabaseAdmin.EnsureDatabaseAsync(server, DatabaseName, ct: ct);
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresCluster.ConnectionString(port.Value, DatabaseName, secret))
        {
            ApplicationName = OwnApplicationName,
        }.ConnectionString;
        return new LocalDatabase(cluster, connectionString, startedHere);
    }

    /// <summary>Stops the server when no other client (another silo, a CLI) is connected: the last user turns it off.</summary>
    public async Task StopIfUnusedAsync(TextWriter log)
    {
        NpgsqlConnection.ClearAllPools();
        await using (var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString))
        {
            await conn.OpenAsync();
            // Our own pools (Orleans providers, the data source) are still open; count everyone else.
            await using var cmd = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND application_name <> $1", conn);
            cmd.Parameters.AddWithValue(OwnApplicationName);
            var others = (long)(await cmd.ExecuteScalarAsync())!;
            if (others > 0)
            {
                log.WriteLine($"Local PostgreSQL left running: {others} other connection(s) still use it.");
                return;
            }
        }

        await _cluster.StopAsync();
        log.WriteLine("Local PostgreSQL stopped.");
    }

    /// <summary>Writes a file only its owner can read.</summary>
    public static async Task WriteOwnerOnlyAsync(string path, string content, CancellationToken ct = default)
    {
        // Created with mode 600, so the secret is never readable by others, not even for a moment.
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(path, options);
        await using var writer = new StreamWriter(stream);
        await writer.WriteAsync(content.AsMemory(), ct);
    }

    private static string RandomPassword() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
}
