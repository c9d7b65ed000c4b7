using Npgsql;

namespace CatalogHub.Silo.Database;

/// <summary>
/// A private PostgreSQL cluster in a data directory of its own, listening on loopback only. Used by the
/// no-setup local mode (<c>.hub/pgdata</c>), by the test fixture and by the benchmark.
/// </summary>
public sealed class PostgresCluster
{
    private readonly PostgresBinaries _binaries;

    public PostgresCluster(string dataDirectory, PostgresBinaries? binaries = null)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        _binaries = binaries ?? PostgresBinaries.Locate();
    }

    /// <summary>The cluster's data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>The superuser created by <see cref="InitializeAsync"/>.</summary>
    public const string SuperUser = "hub";

    /// <summary>True once initdb has run in <see cref="DataDirectory"/>.</summary>
    public bool IsInitialized => File.Exists(Path.Combine(DataDirectory, "PG_VERSION"));

    /// <summary>Creates the cluster. With a password the server asks for it (scram); without, it trusts loopback.</summary>
    public async Task InitializeAsync(string? password, CancellationToken ct = default)
    {
        Directory.CreateDirectory(DataDirectory);
        await PostgresBinaries.HandOverAsync(DataDirectory, ct);
        var args = new List<string> { "-D", DataDirectory, "-U", SuperUser, "-E", "UTF8", "--locale=C", "--no-instructions" };
        string? passwordFile = null;
        if (password is null)
        {
            args.Add("--auth=trust");
        }
        else
        {
            passwordFile = Path.Combine(Path.GetTempPath(), $"hub-pw-{Guid.NewGuid():N}");
            await File.WriteAllTextAsync(passwordFile, "", ct);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite); // before the secret goes in
            }

            await File.WriteAllTextAsync(passwordFile, password, ct);
            await PostgresBinaries.HandOverAsync(passwordFile, ct);
            args.AddRange(["--auth=scram-sha-256", $"--pwfile={passwordFile}"]);
        }

        try
        {
            await _binaries.RunAsync("initdb", args, ct);
        }
        finally
        {
            if (passwordFile is not null)
            {
                File.Delete(passwordFile);
            }
        }
    }

    /// <summary>The port of the server running on this data directory, or null when none runs.</summary>
    public int? RunningPort()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(pidFile);
        }
        catch (IOException)
        {
            return null;
        }

        // postmaster.pid: line 1 pid, line 4 port (documented in PostgreSQL's storage layout).
        if (lines.Length < 4 || !int.TryParse(lines[0], out var pid) || !int.TryParse(lines[3], out var port))
        {
            return null;
        }

        return ProcessIsAlive(pid) ? port : null;
    }

    /// <summary>Starts the server on <paramref name="port"/> and waits until it accepts connections.</summary>
    public async Task StartAsync(int port, IReadOnlyDictionary<string, string>? settings = null, CancellationToken ct = default)
    {
        var options = new List<string>
        {
            $"-p {port}",
            "-c listen_addresses=127.0.0.1",
            "-c unix_socket_directories=''",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            options.Add($"-c {name}={value}");
        }

        var log = Path.Combine(DataDirectory, "server.log");
        await _binaries.RunAsync("pg_ctl", ["start", "-D", DataDirectory, "-w", "-t", "60", "-l", log, "-o", string.Join(' ', options)], ct);
    }

    /// <summary>Stops the server (fast shutdown: clients are disconnected, committed data is safe).</summary>
    public async Task StopAsync(string mode = "fast", CancellationToken ct = default)
    {
        if (RunningPort() is null)
        {
            return;
        }

        await _binaries.RunAsync("pg_ctl", ["stop", "-D", DataDirectory, "-w", "-t", "60", "-m", mode], ct);
    }

    /// <summary>A free TCP port on loopback, preferring <paramref name="preferred"/> when it is free (see <see cref="LoopbackPorts"/>).</summary>
    public static int FreePort(int? preferred = null) =>
        preferred is { } p && LoopbackPorts.IsFree(p) ? p : LoopbackPorts.Next();

    /// <summary>Connection string to a database of this server.</summary>
    public static string ConnectionString(int port, string database, string? password) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = port,
        Username = SuperUser,
        Password = password,
        Database = database,
    }.ConnectionString;

    /// <summary>True while a process with this id runs.</summary>
    public static bool ProcessIsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
