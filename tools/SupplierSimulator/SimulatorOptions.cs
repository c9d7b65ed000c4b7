using System.Globalization;
using CatalogHub.SupplierSimulator.Knobs;

namespace CatalogHub.SupplierSimulator;

/// <summary>How a simulator starts: its catalog, the account it accepts and its initial knobs.</summary>
public sealed record SimulatorOptions
{
    public const string Usage = """
        SupplierSimulator — a PromoStandards supplier (Product Data 2.0.0, PPC 1.0.0, Media 1.1.0, Inventory 2.0.0)
        over a synthetic catalog. SOAP 1.1 on POST /productdata2, /ppc, /media, /inventory2; knobs on /admin.

          --products <n>            products in the catalog (default 500)
          --seed <n>                random seed (default 1): the same seed gives the same catalog
          --account <id>            the account id requests must carry (default demo)
          --password <secret>       its password (default demo-password)
          --latency-ms <n|min-max>  latency per call, fixed or uniform in a range (default 0)
          --fault-rate <0..1>       share of calls that fail (default 0)
          --fault-kind <http500|hang>  how they fail (default http500)
          --hang-seconds <n>        how long a hang lasts at most (default 300)
          --auth-failure            every call answers 105 (authentication credentials failed)
          --rate-limit <n>          calls per second before the limit answers (default 0: none)
          --rate-limit-status <429|500>  the limit's answer (default 429)
          --urls <url>              where to listen (default http://127.0.0.1:5099)
        """;

    public int Products { get; init; } = 500;
    public int Seed { get; init; } = 1;
    public string AccountId { get; init; } = "demo";
    public string Password { get; init; } = "demo-password";
    public SimulatorKnobs Knobs { get; init; } = new();

    /// <summary>Parses the simulator's own arguments; everything else (e.g. <c>--urls</c>) goes to <paramref name="rest"/>.</summary>
    public static SimulatorOptions Parse(string[] args, out string[] rest)
    {
        var options = new SimulatorOptions();
        var others = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var flag = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{flag} needs a value");
            int Count() => int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"{flag} needs a non-negative integer");
            var knobs = options.Knobs;
            options = flag switch
            {
                "--products" => options with { Products = Count() },
                "--seed" => options with { Seed = Count() },
                "--account" => options with { AccountId = Next() },
                "--password" => options with { Password = Next() },
                "--latency-ms" => options with { Knobs = Latency(knobs, Next()) },
                "--fault-rate" => options with { Knobs = knobs with { FaultRate = Rate(Next()) } },
                "--fault-kind" => options with { Knobs = knobs with { FaultKind = Kind(Next()) } },
                "--hang-seconds" => options with { Knobs = knobs with { HangSeconds = Count() } },
                "--auth-failure" => options with { Knobs = knobs with { AuthFailure = true } },
                "--rate-limit" => options with { Knobs = knobs with { RateLimitPerSecond = Count() } },
                "--rate-limit-status" => options with { Knobs = knobs with { RateLimitStatus = Count() } },
                _ => Keep(options, flag),
            };
        }

        SimulatorOptions Keep(SimulatorOptions unchanged, string arg)
        {
            others.Add(arg);
            return unchanged;
        }

        rest = [.. others];
        var problems = options.Problems();
        return problems.Count == 0 ? options : throw new FormatException(string.Join("; ", problems));
    }

    /// <summary>The problems of these options; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>(Knobs.Problems());
        if (Products < 1)
        {
            problems.Add("--products must be at least 1");
        }

        if (string.IsNullOrWhiteSpace(AccountId) || string.IsNullOrEmpty(Password))
        {
            problems.Add("--account and --password must not be empty");
        }

        return problems;
    }

    private static SimulatorKnobs Latency(SimulatorKnobs knobs, string value)
    {
        var parts = value.Split('-');
        if (parts.Length is < 1 or > 2 || !parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            throw new FormatException("--latency-ms needs <n> or <min>-<max> (milliseconds)");
        }

        var min = int.Parse(parts[0], CultureInfo.InvariantCulture);
        return knobs with { LatencyMinMs = min, LatencyMaxMs = parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : min };
    }

    private static double Rate(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) ? rate : throw new FormatException("--fault-rate needs a number between 0 and 1");

    private static FaultKind Kind(string value) => value switch
    {
        "http500" => FaultKind.Http500,
        "hang" => FaultKind.Hang,
        _ => throw new FormatException("--fault-kind is http500 or hang"),
    };
}
