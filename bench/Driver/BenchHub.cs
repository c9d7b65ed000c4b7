using System.Net.Http.Headers;
using CatalogHub.Api.Auth;
using CatalogHub.Harness;
using CatalogHub.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace CatalogHub.Bench.Driver;

/// <summary>
/// The hub under measurement: one or two silo processes (<c>dotnet Silo.dll</c>, Release) on loopback over
/// one database, an admin key, HTTP clients, and on demand an Orleans cluster client or an in-process silo.
/// </summary>
public sealed class BenchHub : IAsyncDisposable
{
    private readonly List<SiloProcess> _silos = [];
    private readonly Dictionary<SiloProcess, string> _applicationNames = [];
    private Dictionary<string, string?> _environment = [];
    private IHost? _client;
    private WebApplication? _inProcess;

    private BenchHub(string connectionString)
    {
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public string ClusterId { get; } = $"bench-{Guid.NewGuid():N}";

    public string AdminKey { get; } = ApiKeySecret.Generate();

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public IEnumerable<int> SiloPids => _silos.Select(s => s.ProcessId);

    public static async Task<BenchHub> StartAsync(string connectionString, int silos, TextWriter log, IReadOnlyList<(string Key, string Value)>? settings = null)
    {
        var hub = new BenchHub(connectionString);
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Hub"] = connectionString,
            ["Hub__ClusterId"] = hub.ClusterId,
            ["Hub__BootstrapAdminKey"] = hub.AdminKey,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? [])
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        hub._environment = environment;
        for (var i = 0; i < silos; i++)
        {
            hub._silos.Add(hub.StartSilo());
        }

        await Task.WhenAll(hub._silos.Select(s => s.WaitHealthyAsync(TimeSpan.FromSeconds(120))));
        log.WriteLine($"{silos} silo process(es) healthy: {string.Join(", ", hub._silos.Select(s => s.BaseAddress))}");
        return hub;
    }

    /// <summary>
    /// The <c>application_name</c> of <paramref name="silo"/>'s database connections (<c>pg_stat_activity</c>): which
    /// silo holds a lock or runs a statement.
    /// </summary>
    public string ApplicationName(SiloProcess silo) => _applicationNames[silo];

    /// <summary>Starts a new silo process in place of <paramref name="gone"/> (killed or stopped) and waits until it is healthy.</summary>
    public async Task<SiloProcess> ReplaceAsync(SiloProcess gone, TextWriter log)
    {
        var index = _silos.IndexOf(gone);
        await gone.DisposeAsync();
        for (var attempt = 1; ; attempt++)
        {
            var silo = StartSilo();
            _silos[index] = silo;
            try
            {
                await silo.WaitHealthyAsync(TimeSpan.FromSeconds(120));
                log.WriteLine($"silo {index} replaced: {silo.BaseAddress}");
                return silo;
            }
            catch (InvalidOperationException e) when (attempt < 3)
            {
                // Seen once on a loaded machine: the new process ended at once with 143 (SIGTERM) and no output.
                log.WriteLine($"silo {index}: the replacement did not start ({e.Message.Split('\n')[0]}); starting another");
                await silo.DisposeAsync();
            }
        }
    }

    private SiloProcess StartSilo()
    {
        var name = $"bench-silo-{_applicationNames.Count}";
        var environment = new Dictionary<string, string?>(_environment)
        {
            ["ConnectionStrings__Hub"] = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { ApplicationName = name }.ConnectionString,
        };
        var silo = SiloProcess.Start(environment);
        _applicationNames[silo] = name;
        return silo;
    }

    /// <summary>An HTTP client of silo <paramref name="index"/> (modulo the silo count) with the admin key, or with <paramref name="key"/>.</summary>
    public HttpClient Http(int index, int connections, string? key = null)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = _silos[index % _silos.Count].BaseAddress,
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key ?? AdminKey);
        return http;
    }

    /// <summary>A cluster client connected through the silos' gateways (found in the membership table).</summary>
    public async Task<IGrainFactory> ClientAsync()
    {
        if (_client is null)
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.AddFilter(level => level >= Microsoft.Extensions.Logging.LogLevel.Warning);
            builder.UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = ClusterId;
                    o.ServiceId = new HubOptions().ServiceId;
                });
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = OrleansHosting.Invariant;
                    o.ConnectionString = ConnectionString;
                });
            });
            _client = builder.Build();
            await _client.StartAsync();
        }

        return _client.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>A silo (the whole hub) inside the driver's process, in a cluster of its own over the same database.</summary>
    public async Task<IGrainFactory> InProcessSiloAsync()
    {
        if (_inProcess is null)
        {
            _inProcess = await HubApplication.CreateAsync(
            [
                "--urls", "http://127.0.0.1:0",
                $"--ConnectionStrings:Hub={ConnectionString}",
                $"--Hub:ClusterId=inproc-{Guid.NewGuid():N}",
                $"--Hub:SiloPort={Silo.Database.PostgresCluster.FreePort()}",
                $"--Hub:GatewayPort={Silo.Database.PostgresCluster.FreePort()}",
                "--Logging:LogLevel:Default=Warning",
                "--Logging:LogLevel:Orleans.Runtime.Silo=Warning",
                "--Hub:Outbox:AllowPrivateNetworks=true", // the receiver and simulator listen on loopback
            ]);
            await _inProcess.StartAsync();
        }

        return _inProcess.Services.GetRequiredService<IGrainFactory>();
    }

    /// <summary>Stops the in-process silo (it holds grains and memory the next cases should not share).</summary>
    public async Task StopInProcessSiloAsync()
    {
        if (_inProcess is not null)
        {
            await _inProcess.StopAsync();
            await _inProcess.DisposeAsync();
            _inProcess = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopInProcessSiloAsync();
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }
}
