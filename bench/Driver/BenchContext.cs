using Npgsql;

namespace CatalogHub.Bench.Driver;

/// <summary>
/// What scenarios share in one run: the options, the PostgreSQL server, the hubs (one per database, started
/// on first use: writes and reads never share a catalog), and the results so far (baselines are looked up here).
/// </summary>
public sealed class BenchContext(BenchOptions options, BenchServer server, TextWriter log) : IAsyncDisposable
{
    private readonly Dictionary<string, (BenchHub Hub, NpgsqlDataSource Db)> _hubs = [];
    private readonly List<ScenarioResult> _results = [];

    public BenchOptions Options { get; } = options;

    public BenchServer Server { get; } = server;

    public TextWriter Log { get; } = log;

    public IReadOnlyList<ScenarioResult> Results => _results;

    /// <summary>The hub over database <paramref name="database"/>; <paramref name="prepare"/> fills a new database before the silos start.</summary>
    public async Task<(BenchHub Hub, NpgsqlDataSource Db)> HubAsync(string database, Func<NpgsqlDataSource, Task>? prepare = null)
    {
        if (!_hubs.TryGetValue(database, out var entry))
        {
            var connection = await Server.CreateDatabaseAsync(database);
            var db = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connection) { CommandTimeout = 0, MaxPoolSize = 200 }.ConnectionString).Build();
            if (prepare is not null)
            {
                await prepare(db);
            }

            entry = (await BenchHub.StartAsync(connection, Options.Silos, Log, Options.SiloSettings), db);
            _hubs[database] = entry;
        }

        return entry;
    }

    public ScenarioResult? Find(string scenario, string @case) =>
        _results.LastOrDefault(r => r.Scenario == scenario && r.Case == @case);

    public void Add(ScenarioResult result)
    {
        _results.Add(result);
        Log.WriteLine($"  = {Report.Line(result)}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (hub, db) in _hubs.Values)
        {
            await hub.DisposeAsync();
            await db.DisposeAsync();
        }
    }
}
