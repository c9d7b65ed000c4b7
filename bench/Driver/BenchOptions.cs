using System.Globalization;

namespace CatalogHub.Bench.Driver;

/// <summary>The driver's command line (see <see cref="Usage"/>).</summary>
public sealed record BenchOptions
{
    public const string Usage = """
        Bench — the hub against its physical limit, side by side in one run (docs/performance.md).

          dotnet run -c Release --project bench -- <scenario…|all> [options]

        Scenarios: raw-upsert, grain-upsert, noop-upsert, list-latency, detail-latency, memory, ingest, import, deliver
        (a scenario's baseline runs with it: grain-upsert brings raw-upsert, noop-upsert brings grain-upsert;
        ingest runs its own raw bulk upsert of the same rows, then the API over HTTP: products, no-op, memory;
        import runs a raw bulk upsert of its feed's rows, then the full gzip NDJSON import and its identical re-import;
        deliver sends a store's waiting outbox events to a zero-latency webhook receiver, beside the driver POSTing
        the same signed bodies to it).

          --size <n>        products per upsert scenario, entries of ingest products (default 50000; --quick 2000)
          --catalog <n>     products of the read catalog and of the import feed, 10 variants each (default 100000; --quick 5000, import 500)
          --upserts <n>     upserts streamed by memory (default 1000000; --quick 10000)
          --entries <n>     entries streamed by ingest's memory case (default 1000000; --quick 2000)
          --events <n>      outbox events delivered by deliver (default 20000; --quick 300)
          --batch <n>       entries per ingest request (default 10000, the contract's maximum; --quick 500)
          --jobs <n>        ingest requests (async jobs) in flight, one per HTTP client (default 4; --quick 2)
          --callers <list>  concurrent grain callers, comma-separated (default 64,512; --quick 64)
          --clients <n>     concurrent HTTP / SQL clients of the latency scenarios (default 32)
          --seconds <n>     measured seconds per request kind (default 8; --quick 0.5)
          --silos 1|2       silo processes (default 1)
          --quick           every scenario at a tiny size (CI: checks they complete and rows match)
          --out <dir>       where results go (default bench/results)
          --profile         print the statements PostgreSQL spent each case's time on (pg_stat_statements)
          --set <key=value> a configuration setting of the silos, e.g. --set Hub:Ingest:ChunkSize=2000 (repeatable;
                            to compare a tuning in one run's conditions, not for published figures)
        """;

    public static readonly string[] AllScenarios = ["raw-upsert", "grain-upsert", "noop-upsert", "list-latency", "detail-latency", "memory", "ingest", "import", "deliver"];

    public IReadOnlyList<string> Scenarios { get; init; } = AllScenarios;
    public bool Quick { get; init; }
    public int? SizeGiven { get; init; }
    public int? CatalogGiven { get; init; }
    public int? UpsertsGiven { get; init; }
    public int? EntriesGiven { get; init; }
    public int? EventsGiven { get; init; }
    public int? BatchGiven { get; init; }
    public int? JobsGiven { get; init; }
    public IReadOnlyList<int>? CallersGiven { get; init; }
    public int Clients { get; init; } = 32;
    public int? SecondsGiven { get; init; }
    public int Silos { get; init; } = 1;
    public string? Out { get; init; }
    public bool Profile { get; init; }
    public IReadOnlyList<(string Key, string Value)> SiloSettings { get; init; } = [];

    public int Size => SizeGiven ?? (Quick ? 2_000 : 50_000);
    public int CatalogProducts => CatalogGiven ?? (Quick ? 5_000 : 100_000);
    public int Upserts => UpsertsGiven ?? (Quick ? 10_000 : 1_000_000);
    public int Entries => EntriesGiven ?? (Quick ? 2_000 : 1_000_000);
    public int Events => EventsGiven ?? (Quick ? 300 : 20_000);
    public int Batch => BatchGiven ?? (Quick ? 500 : 10_000);
    public int Jobs => JobsGiven ?? (Quick ? 2 : 4);
    public IReadOnlyList<int> Callers => CallersGiven ?? (Quick ? [64] : [64, 512]);
    public TimeSpan Measured => SecondsGiven is { } s ? TimeSpan.FromSeconds(s) : TimeSpan.FromSeconds(Quick ? 0.5 : 8);
    public TimeSpan WarmUp => TimeSpan.FromSeconds(Quick ? 0.25 : 2);

    /// <summary>Parses <paramref name="args"/>; null with the reason on <paramref name="error"/> when they are wrong.</summary>
    public static BenchOptions? Parse(string[] args, TextWriter error)
    {
        var options = new BenchOptions();
        var scenarios = new List<string>();
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
                int Number() => int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                    ? n : throw new FormatException($"{args[i]} needs a positive integer");
                options = args[i] switch
                {
                    "--size" => options with { SizeGiven = Number() },
                    "--catalog" => options with { CatalogGiven = Number() },
                    "--upserts" => options with { UpsertsGiven = Number() },
                    "--entries" => options with { EntriesGiven = Number() },
                    "--events" => options with { EventsGiven = Number() },
                    "--batch" => options with { BatchGiven = Number() is var b and <= 10_000 ? b : throw new FormatException("--batch is at most 10000 (the contract's limit)") },
                    "--jobs" => options with { JobsGiven = Number() },
                    "--callers" => options with { CallersGiven = Next().Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray() },
                    "--clients" => options with { Clients = Number() },
                    "--seconds" => options with { SecondsGiven = Number() },
                    "--silos" => options with { Silos = Number() is var s and (1 or 2) ? s : throw new FormatException("--silos is 1 or 2") },
                    "--quick" => options with { Quick = true },
                    "--out" => options with { Out = Next() },
                    "--profile" => options with { Profile = true },
                    "--set" => Next().Split('=', 2) is [var key, var value] && key.Length > 0
                        ? options with { SiloSettings = [.. options.SiloSettings, (key, value)] }
                        : throw new FormatException("--set needs key=value"),
                    "all" => options,
                    var name when AllScenarios.Contains(name) => Add(options, scenarios, name),
                    var other => throw new FormatException($"unknown scenario or option '{other}'"),
                };
            }
        }
        catch (FormatException e)
        {
            error.WriteLine(e.Message);
            error.WriteLine(Usage);
            return null;
        }

        return scenarios.Count == 0 ? options : options with { Scenarios = WithBaselines(scenarios) };
    }

    /// <summary>The scenarios to run, in <see cref="AllScenarios"/> order, with the baselines they need.</summary>
    public static IReadOnlyList<string> WithBaselines(IEnumerable<string> asked)
    {
        var set = new HashSet<string>(asked);
        if (set.Contains("noop-upsert"))
        {
            set.Add("grain-upsert");
        }

        if (set.Contains("grain-upsert"))
        {
            set.Add("raw-upsert");
        }

        return [.. AllScenarios.Where(set.Contains)];
    }

    private static BenchOptions Add(BenchOptions options, List<string> scenarios, string name)
    {
        scenarios.Add(name);
        return options;
    }
}
