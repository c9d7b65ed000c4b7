using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using CatalogHub.Silo.Database;

namespace CatalogHub.Harness;

/// <summary>
/// The hub as a separate OS process (<c>dotnet Silo.dll</c>), as it runs in production: used where the
/// test is about processes — two silos forming one cluster, a silo that stops or crashes.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process, int httpPort, int siloPort)
    {
        _process = process;
        HttpPort = httpPort;
        SiloPort = siloPort;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int HttpPort { get; }

    public int SiloPort { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}");

    /// <summary>What the process printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The OS process id (for sampling its memory and CPU).</summary>
    public int ProcessId => _process.Id;

    public int ExitCode => _process.ExitCode;

    /// <summary>The built Silo.dll of the same configuration as these tests.</summary>
    public static string SiloDll
    {
        get
        {
            var configuration = typeof(SiloProcess).Assembly
                .GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
                .OfType<System.Reflection.AssemblyConfigurationAttribute>().Single().Configuration;
            var root = RepositoryRoot();
            var dll = Path.Combine(root, "Silo", "bin", configuration, "net10.0", "Silo.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the solution first: {dll} is missing.");
        }
    }

    /// <summary>The folder holding Orleans.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Orleans.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Starts a silo process with the hub's configuration given as environment variables.</summary>
    public static SiloProcess Start(IReadOnlyDictionary<string, string?> environment, IEnumerable<string>? arguments = null, string? workingDirectory = null)
    {
        var httpPort = PostgresCluster.FreePort();
        var siloPort = environment.TryGetValue("Hub__SiloPort", out var sp) && sp is not null ? int.Parse(sp) : PostgresCluster.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        start.ArgumentList.Add(SiloDll);
        foreach (var a in arguments ?? [])
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}";
        start.Environment["Hub__SiloPort"] = siloPort.ToString();
        start.Environment["Hub__GatewayPort"] = PostgresCluster.FreePort().ToString();
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Hub__Outbox__AllowPrivateNetworks"] = "true"; // simulators and receivers listen on loopback
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new SiloProcess(Process.Start(start)!, httpPort, siloPort);
    }

    /// <summary>
    /// Polls <c>/health</c> until it says healthy; fails with the last health answer and the process output after the
    /// deadline (two minutes: a silo joining its cluster on a machine starved by a parallel test run has needed more than one).
    /// </summary>
    public async Task WaitHealthyAsync(TimeSpan? timeout = null)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromMinutes(2);
        var last = "no answer";
        while (clock.Elapsed < limit)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync("/health");
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if (response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<HealthBody>())?.Status == "healthy")
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The silo on port {HttpPort} was not healthy within {limit} (last /health: {last}):\n{Output}");
    }

    /// <summary>Waits for the process to exit by itself (e.g. a command, or a start-up error).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Graceful stop (SIGTERM), as an orchestrator does; the silo leaves the cluster cleanly.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
        {
            await kill.WaitForExitAsync();
        }

        await WaitForExitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Crash: SIGKILL, no chance to clean up.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (OperationCanceledException)
        {
            Kill();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private sealed record HealthBody(string Status);
}
