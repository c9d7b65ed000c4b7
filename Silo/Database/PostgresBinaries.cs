using System.Diagnostics;

namespace CatalogHub.Silo.Database;

/// <summary>
/// Finds the PostgreSQL server binaries (<c>initdb</c>, <c>pg_ctl</c>) and runs them, as the <c>postgres</c>
/// user when this process runs as root (PostgreSQL refuses to run as root).
/// </summary>
public sealed class PostgresBinaries
{
    private PostgresBinaries(string directory) => Directory = directory;

    /// <summary>The folder holding initdb and pg_ctl.</summary>
    public string Directory { get; }

    /// <summary>True when this process is root, so the server runs as the <c>postgres</c> user.</summary>
    public static bool RunningAsRoot => Environment.UserName == "root";

    /// <summary>Finds the binaries on PATH, then in Debian's /usr/lib/postgresql/&lt;version&gt;/bin.</summary>
    public static PostgresBinaries Locate()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var candidates = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(DebianBinDirectories());
        foreach (var dir in candidates)
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                return new PostgresBinaries(dir);
            }
        }

        throw new LocalPostgresException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or in /usr/lib/postgresql/*/bin. " +
            "Install them (Debian/Ubuntu: `apt-get install -y postgresql`) or point the hub at an existing " +
            "database with ConnectionStrings__Hub=\"Host=...;Database=...;Username=...;Password=...\".");
    }

    private static IEnumerable<string> DebianBinDirectories()
    {
        const string root = "/usr/lib/postgresql";
        if (!System.IO.Directory.Exists(root))
        {
            return [];
        }

        return System.IO.Directory.GetDirectories(root)
            .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
            .Select(d => Path.Combine(d, "bin"));
    }

    /// <summary>Runs one of the binaries and returns its output; throws with the output when it fails.</summary>
    public async Task<string> RunAsync(string tool, IEnumerable<string> arguments, CancellationToken ct = default)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var exe = Path.Combine(Directory, tool);
        if (RunningAsRoot)
        {
            start.FileName = "runuser";
            foreach (var a in (string[])["-u", "postgres", "--", exe])
            {
                start.ArgumentList.Add(a);
            }
        }
        else
        {
            start.FileName = exe;
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        return await ProcessRunner.RunAsync(start, $"{tool}", ct);
    }

    /// <summary>Gives a folder to the user the server runs as (only needed as root).</summary>
    public static async Task HandOverAsync(string directory, CancellationToken ct = default)
    {
        if (!RunningAsRoot)
        {
            return;
        }

        var start = new ProcessStartInfo("chown")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])["-R", "postgres:postgres", directory])
        {
            start.ArgumentList.Add(a);
        }

        await ProcessRunner.RunAsync(start, "chown", ct);
    }
}
