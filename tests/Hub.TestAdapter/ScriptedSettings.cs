using System.Text.Json;
using CatalogHub.Grains.Suppliers;

namespace CatalogHub.TestAdapter;

/// <summary>
/// The scripted adapter's <c>adapter_config</c> (snake_case): the catalog (<c>skus</c>, or <c>count</c> SKUs
/// named <c>{prefix}000001</c>…), prices (<c>price</c>, per SKU <c>prices</c>), what delta and closeouts
/// return, <c>latency_ms</c> per call, per-SKU <c>faults</c> (consumed one per hydrate call: <c>transient</c>,
/// <c>auth</c>, <c>rejected</c>, <c>partial</c> (pricing failed), <c>error</c> (unexpected exception),
/// <c>invalid</c> (a product the catalog refuses), <c>ok</c>), <c>discover_fault</c>, supported <c>modes</c>,
/// <c>require_token</c> (credential <c>token</c> must equal it) and <c>log_file</c> (calls appended as lines,
/// for silo processes).
/// </summary>
public sealed record ScriptedSettings
{
    public static readonly string[] FaultKinds = ["transient", "auth", "rejected", "partial", "error", "invalid", "ok"];

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public int Count { get; init; }
    public string Prefix { get; init; } = "SKU-";
    public List<string>? Skus { get; init; }
    public decimal Price { get; init; } = 10m;
    public Dictionary<string, decimal> Prices { get; init; } = [];
    public List<string> Delta { get; init; } = [];
    public List<string> Closeouts { get; init; } = [];
    public int LatencyMs { get; init; }
    public Dictionary<string, List<string>> Faults { get; init; } = [];
    public string? DiscoverFault { get; init; }
    public List<string>? Modes { get; init; }
    public string? RequireToken { get; init; }
    public string? LogFile { get; init; }

    /// <summary>The catalog's SKUs in order.</summary>
    public IReadOnlyList<string> Catalog() => Skus ?? [.. Enumerable.Range(1, Count).Select(i => $"{Prefix}{i:D6}")];

    public IReadOnlySet<DiscoveryMode> SupportedModes()
    {
        var modes = new HashSet<DiscoveryMode>();
        foreach (var name in Modes ?? [.. DiscoveryModes.All])
        {
            if (DiscoveryModes.TryParse(name, out var mode))
            {
                modes.Add(mode);
            }
        }

        return modes;
    }

    public static (ScriptedSettings? Settings, Dictionary<string, string[]> Problems) Parse(JsonElement json)
    {
        var problems = new Dictionary<string, string[]>();
        if (json.ValueKind == JsonValueKind.Object)
        {
            var known = typeof(ScriptedSettings).GetProperties().Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)).ToHashSet();
            foreach (var unknown in json.EnumerateObject().Where(p => !known.Contains(p.Name)))
            {
                problems[unknown.Name] = ["unknown setting"];
            }

            if (problems.Count > 0)
            {
                return (null, problems);
            }
        }

        ScriptedSettings? s;
        try
        {
            s = json.Deserialize<ScriptedSettings>(Json);
        }
        catch (JsonException e)
        {
            problems[e.Path is { Length: > 2 } path ? path[2..] : "settings"] = [e.Message];
            return (null, problems);
        }

        if (s is null)
        {
            problems["settings"] = ["must be a JSON object"];
            return (null, problems);
        }

        if (s.Count is < 0 or > 1_000_000)
        {
            problems["count"] = ["count must be between 0 and 1,000,000"];
        }

        if (s.LatencyMs is < 0 or > 60_000)
        {
            problems["latency_ms"] = ["latency_ms must be between 0 and 60,000"];
        }

        if (s.Faults.Values.SelectMany(f => f).Append(s.DiscoverFault ?? "ok").Any(f => !FaultKinds.Contains(f)))
        {
            problems["faults"] = [$"faults are {string.Join(", ", FaultKinds)}"];
        }

        if (s.Modes?.Any(m => !DiscoveryModes.TryParse(m, out _)) == true)
        {
            problems["modes"] = [$"modes are {string.Join(", ", DiscoveryModes.All)}"];
        }

        return problems.Count > 0 ? (null, problems) : (s, problems);
    }
}
