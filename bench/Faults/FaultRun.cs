using System.Diagnostics;
using System.Net.Http.Headers;
using CatalogHub.Bench.Driver;
using CatalogHub.Bench.Scenarios.Ingest;
using CatalogHub.Harness;
using Npgsql;

namespace CatalogHub.Bench.Faults;

/// <summary>
/// What the cases share: the bench's PostgreSQL (<see cref="BenchServer"/>), one migrated database, two silo processes
/// over it (<see cref="BenchHub"/>), the admin key, and helpers to poll with a deadline. A case that kills a silo
/// replaces it before the next case (<see cref="EnsureTwoSilosAsync"/>).
/// </summary>
public sealed class FaultRun : IAsyncDisposable
{
    public const string Database = "faults";

    /// <summary>
    /// The silos' settings: per-key ingestion limits lifted (the cases are not about rate limits), no scheduler, and
    /// crash recovery tuned as the cluster tests tune it (keep-alive reminders of seconds, an outbox lease of 15 s with
    /// request time limits of 5 s below it) so
    /// the time to resume is measured in seconds; production defaults are a minute each (docs/suppliers.md, ingestion.md,
    /// feeds.md, outbox.md), and the time to resume scales with them.
    /// </summary>
    public static readonly IReadOnlyList<(string Key, string Value)> Settings =
    [
        ("Hub:Scheduler:Enabled", "false"),
        ("Hub:Reminders:MinimumPeriod", "00:00:01"),
        ("Hub:Ingest:KeepAlivePeriod", "00:00:03"),
        ("Hub:Ingest:ChunkSize", "200"),
        ("Hub:Imports:ChunkSize", "100"),
        ("Hub:Ingest:Limits:RequestsPerMinute", "10000000"),
        ("Hub:Ingest:Limits:EntriesPerMinute", "1000000000"),
        ("Hub:Ingest:Limits:MaxEntriesPerRequest", "50000"),
        ("Hub:Ingest:Limits:MaxPayloadBytes", "67108864"),
        ("Hub:SyncJobs:KeepAlivePeriod", "00:00:03"),
        ("Hub:SyncJobs:CheckpointInterval", "00:00:00.200"),
        ("Hub:Imports:KeepAlivePeriod", "00:00:02"),
        ("Hub:Outbox:Lease", "00:00:15"),
        ("Hub:Outbox:WebhookTimeout", "00:00:05"),
        ("Hub:Outbox:ShopifyPaceLimit", "00:00:05"),
        ("Hub:Outbox:SweepInterval", "00:00:02"),
    ];

    private FaultRun(FaultOptions options, BenchServer server, BenchHub hub, NpgsqlDataSource db, TextWriter log)
    {
        Options = options;
        Server = server;
        Hub = hub;
        Db = db;
        Log = log;
    }

    public FaultOptions Options { get; }

    public BenchServer Server { get; }

    public BenchHub Hub { get; }

    public NpgsqlDataSource Db { get; }

    public TextWriter Log { get; }

    public SiloProcess A => Hub.Silos[0];

    public SiloProcess B => Hub.Silos[1];

    public static async Task<FaultRun> StartAsync(FaultOptions options, BenchServer server, TextWriter log)
    {
        var connection = await server.CreateDatabaseAsync(Database);
        var db = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connection) { CommandTimeout = 60, MaxPoolSize = 50 }.ConnectionString).Build();
        var hub = await BenchHub.StartAsync(connection, 2, log, Settings);
        return new FaultRun(options, server, hub, db, log);
    }

    /// <summary>An admin client of <paramref name="silo"/> (dispose it); its timeout is the client's patience.</summary>
    public HttpClient Client(SiloProcess silo, TimeSpan? timeout = null, int connections = 64)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = silo.BaseAddress,
            Timeout = timeout ?? TimeSpan.FromSeconds(100),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Hub.AdminKey);
        return http;
    }

    /// <summary>The other silo of the pair.</summary>
    public SiloProcess Other(SiloProcess silo) => ReferenceEquals(silo, A) ? B : A;

    /// <summary>
    /// Replaces a silo that exited (killed by the last case, or crashed) or is no longer healthy within a minute (on a
    /// starved machine a silo the cluster declared dead during one case was still shutting down when the next began,
    /// which then failed for the earlier case's reason), so that every case starts with two healthy silos.
    /// </summary>
    public async Task EnsureTwoSilosAsync()
    {
        foreach (var silo in Hub.Silos.ToList())
        {
            if (!silo.HasExited)
            {
                try
                {
                    await silo.WaitHealthyAsync(TimeSpan.FromMinutes(1));
                    continue;
                }
                catch (Exception e) when (e is TimeoutException or InvalidOperationException)
                {
                    Log.WriteLine($"silo on port {silo.HttpPort} is not healthy before the case ({e.Message.Split('\n')[0]}); replacing it");
                    if (!silo.HasExited)
                    {
                        silo.Kill();
                    }
                }
            }

            await Hub.ReplaceAsync(silo, Log);
        }
    }

    public Task CreateStoresAsync(params string[] stores) => IngestScenario.CreateStoresAsync(Db, stores);

    public async Task<T> ScalarAsync<T>(string sql, params object[] args)
    {
        await using var cmd = Db.CreateCommand(sql);
        foreach (var a in args)
        {
            cmd.Parameters.AddWithValue(a);
        }

        var value = await cmd.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)value;
    }

    /// <summary>Polls <paramref name="probe"/> (every <paramref name="every"/>, default 100 ms) until <paramref name="until"/> holds; throws after <paramref name="deadline"/>.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> until, TimeSpan deadline, string what, TimeSpan? every = null)
    {
        var clock = Stopwatch.StartNew();
        T last;
        while (true)
        {
            last = await probe();
            if (until(last))
            {
                return last;
            }

            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"{what}: not within {deadline.TotalSeconds:F0} s (last: {last})");
            }

            await Task.Delay(every ?? TimeSpan.FromMilliseconds(100));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Hub.DisposeAsync();
        await Db.DisposeAsync();
    }
}
