using System.Text.Json;
using System.Text.Json.Serialization;

namespace CatalogHub.Grains.Ingest;

/// <summary>
/// How an <see cref="IngestJobSpec"/> is kept in its <c>ingest_jobs</c> row (the API writes the row, the job
/// grain reads it back when it resumes): the kind as its endpoint's name, the options as jsonb.
/// </summary>
public static class IngestJobSpecJson
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The <c>kind</c> column: <c>products</c>, <c>pos</c>, <c>inventory</c> or <c>prices</c>.</summary>
    public static string KindName(IngestKind kind) => kind switch
    {
        IngestKind.Products => "products",
        IngestKind.Pos => "pos",
        IngestKind.Inventory => "inventory",
        _ => "prices",
    };

    public static IngestKind ParseKind(string name) => name switch
    {
        "products" => IngestKind.Products,
        "pos" => IngestKind.Pos,
        "inventory" => IngestKind.Inventory,
        "prices" => IngestKind.Prices,
        _ => throw new ArgumentException($"'{name}' is not an ingestion kind.", nameof(name)),
    };

    /// <summary>The <c>options</c> column.</summary>
    public static string OptionsJson(IngestJobSpec spec) => JsonSerializer.Serialize(
        new StoredOptions(spec.ValidateOnly, spec.ForceSync, spec.Kind == IngestKind.Inventory ? (spec.InitialInventory ? "initial" : "delta") : null, spec.AllowedStores),
        Json);

    /// <summary>The spec back from a row's columns.</summary>
    public static IngestJobSpec FromRow(string kind, string? storeNumber, int total, string optionsJson)
    {
        var o = JsonSerializer.Deserialize<StoredOptions>(optionsJson, Json) ?? new StoredOptions(false, false, null, null);
        return new IngestJobSpec(ParseKind(kind), storeNumber, total, o.ValidateOnly, o.ForceSync, o.Mode == "initial", o.AllowedStores);
    }

    private sealed record StoredOptions(
        bool ValidateOnly,
        bool ForceSync,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Mode,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? AllowedStores);
}
