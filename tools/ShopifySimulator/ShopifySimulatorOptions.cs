using System.Globalization;
using CatalogHub.ShopifySimulator.Knobs;

namespace CatalogHub.ShopifySimulator;

/// <summary>How a simulator starts: its locations and its initial knobs (token, bucket, faults).</summary>
public sealed record ShopifySimulatorOptions
{
    public const string Usage = """
        ShopifySimulator — a Shopify shop speaking the Admin GraphQL API (productSet, inventorySetQuantities,
        inventoryAdjustQuantities, inventoryActivate, productVariantsBulkUpdate) on
        POST /admin/api/{version}/graphql.json, with Shopify's cost-based throttle; state and knobs on /admin.
        Inputs must be sent as GraphQL variables (see docs/outbox.md).

          --token <secret>          the X-Shopify-Access-Token requests must carry (default shpat_simulator)
          --location <name>         a location to create at start (repeatable; default "Main Warehouse")
          --max-available <n>       bucket size in cost points (default 1000)
          --restore-rate <n>        points restored per second (default 50)
          --mutation-cost <n>       cost of every mutation (default 10)
          --latency-ms <n>          latency per request (default 0)
          --unavailable             every request answers 503
          --urls <url>              where to listen (default http://127.0.0.1:5098)
        """;

    /// <summary>Locations created at start, in order (their ids are listed by <c>GET /admin/state</c>).</summary>
    public IReadOnlyList<string> Locations { get; init; } = ["Main Warehouse"];

    public ShopifyKnobs Knobs { get; init; } = new();

    /// <summary>Parses the simulator's own arguments; everything else (e.g. <c>--urls</c>) goes to <paramref name="rest"/>.</summary>
    public static ShopifySimulatorOptions Parse(string[] args, out string[] rest)
    {
        var options = new ShopifySimulatorOptions();
        var locations = new List<string>();
        var others = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var flag = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{flag} needs a value");
            int Count() => int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"{flag} needs a non-negative integer");
            var knobs = options.Knobs;
            switch (flag)
            {
                case "--location":
                    locations.Add(Next());
                    break;
                default:
                    options = flag switch
                    {
                        "--token" => options with { Knobs = knobs with { AccessToken = Next() } },
                        "--max-available" => options with { Knobs = knobs with { MaximumAvailable = Count() } },
                        "--restore-rate" => options with { Knobs = knobs with { RestoreRate = Count() } },
                        "--mutation-cost" => options with { Knobs = knobs with { MutationCost = Count() } },
                        "--latency-ms" => options with { Knobs = knobs with { LatencyMs = Count() } },
                        "--unavailable" => options with { Knobs = knobs with { Unavailable = true } },
                        _ => Keep(options, flag),
                    };
                    break;
            }
        }

        ShopifySimulatorOptions Keep(ShopifySimulatorOptions unchanged, string arg)
        {
            others.Add(arg);
            return unchanged;
        }

        if (locations.Count > 0)
        {
            options = options with { Locations = locations };
        }

        rest = [.. others];
        var problems = options.Problems();
        return problems.Count == 0 ? options : throw new FormatException(string.Join("; ", problems));
    }

    /// <summary>The problems of these options; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>(Knobs.Problems());
        if (Locations.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("location names must not be empty");
        }

        return problems;
    }
}
