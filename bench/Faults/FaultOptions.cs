namespace CatalogHub.Bench.Faults;

/// <summary>The command line: which cases, at which size, where the results go.</summary>
public sealed record FaultOptions
{
    public const string Usage = """
        faults <case…|all> [--quick] [--out <dir>]

          races        200 same-mode supplier imports over two silos → one 202; 200 requests with one idempotency key
                       → one job; 50 writers of inventory deltas to one product → the exact sum
          crash        kill -9 the silo running: the outbox dispatcher mid-delivery, a 50,000-entry ingestion job
                       (quick 10,000), a 5,000-product supplier sync (quick 500), a feed import mid-apply
          pg-restart   PostgreSQL stopped (fast) and started again under a steady ingestion load
          outage       the Shopify simulator answers 503 for 2 minutes (quick 10 s) during an ingestion load
          soak         10 minutes (quick 20 s) of mixed load on two silos; RSS and threads sampled every second
          all          every case, in that order

          --quick      small sizes: the whole run in about three minutes on 2 cores (CI)
          --out <dir>  where faults-<time>.md is written (default bench/results)
        """;

    public static readonly string[] Groups = ["races", "crash", "pg-restart", "outage", "soak"];

    public required IReadOnlyList<string> Cases { get; init; }

    public bool Quick { get; init; }

    public string? Out { get; init; }

    /// <summary>Entries of the async ingestion job killed mid-way (issue: 50,000).</summary>
    public int IngestEntries => Quick ? 10_000 : 50_000;

    /// <summary>Products of the supplier sync killed mid-way (issue: 5,000).</summary>
    public int SyncProducts => Quick ? 500 : 5_000;

    /// <summary>Products (3 variants each) of the feed import killed mid-apply.</summary>
    public int FeedProducts => Quick ? 3_000 : 20_000;

    /// <summary>Product events delivered to the webhook receiver while the dispatcher's silo is killed.</summary>
    public int DispatchEvents => Quick ? 200 : 2_000;

    /// <summary>How long PostgreSQL stays down between its stop and its start.</summary>
    public TimeSpan DatabaseDown => Quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(15);

    /// <summary>How long the Shopify simulator answers 503 (issue: 2 minutes).</summary>
    public TimeSpan Outage => Quick ? TimeSpan.FromSeconds(10) : TimeSpan.FromMinutes(2);

    /// <summary>The soak's length (issue: 10 minutes).</summary>
    public TimeSpan Soak => Quick ? TimeSpan.FromSeconds(20) : TimeSpan.FromMinutes(10);

    /// <summary>Parses the arguments; null (with the usage on <paramref name="error"/>) when they are wrong.</summary>
    public static FaultOptions? Parse(string[] args, TextWriter error)
    {
        var cases = new List<string>();
        var quick = false;
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--out" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "all":
                    cases.AddRange(Groups);
                    break;
                case var name when Groups.Contains(name):
                    cases.Add(name);
                    break;
                default:
                    error.WriteLine($"Unknown argument '{args[i]}'.");
                    error.WriteLine(Usage);
                    return null;
            }
        }

        if (cases.Count == 0)
        {
            error.WriteLine(Usage);
            return null;
        }

        // Always in the order (a crash leaves the cluster as the next case expects it: two healthy silos).
        return new FaultOptions { Cases = [.. Groups.Where(cases.Contains)], Quick = quick, Out = output };
    }
}
