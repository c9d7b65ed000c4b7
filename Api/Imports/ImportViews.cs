using System.Text.Json;
using System.Text.Json.Serialization;

namespace CatalogHub.Api.Imports;

/// <summary>
/// An import's status (seed 003: <c>{"id", "status", "reason"}</c>) and what the hub adds: the FAILURE code
/// (<c>HARMFUL_IMPORT</c>, <c>INVALID_FEED</c>…), every validation error, the summary, the queue position while WAITING.
/// </summary>
public sealed record ImportStatusBody(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("reason")] string Reason)
{
    [JsonPropertyName("code"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Code { get; init; }

    [JsonPropertyName("catalog"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Catalog { get; init; }

    [JsonPropertyName("type"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Type { get; init; }

    [JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    [JsonPropertyName("validation_only"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ValidationOnly { get; init; }

    /// <summary>WAITING only: how many imports of the catalog run or wait before this one (0: it is next).</summary>
    [JsonPropertyName("queue_position"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? QueuePosition { get; init; }

    [JsonPropertyName("summary"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ImportSummaryBody? Summary { get; init; }

    [JsonPropertyName("errors"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FeedErrorBody>? Errors { get; init; }

    [JsonPropertyName("received_at"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ReceivedAt { get; init; }

    [JsonPropertyName("started_at"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? StartedAt { get; init; }

    [JsonPropertyName("finished_at"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? FinishedAt { get; init; }

    [JsonPropertyName("expires_at"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ExpiresAt { get; init; }

    public static ImportStatusBody NotFound(string id) => new(id, "NOT_FOUND", "No import found with the supplied id.");
}

/// <summary>What an import did (validation only: what it would do).</summary>
public sealed record ImportSummaryBody(
    [property: JsonPropertyName("created")] int Created,
    [property: JsonPropertyName("updated")] int Updated,
    [property: JsonPropertyName("unchanged")] int Unchanged,
    [property: JsonPropertyName("archived")] int Archived);

/// <summary>One validation error: where in the feed (<c>$[3].variants[0].price</c>, items counted from 0) and what.</summary>
public sealed record FeedErrorBody(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("message")] string Message);

/// <summary>A catalog's imports: its queue (running first, then waiting in order) and its latest finished ones.</summary>
public sealed record CatalogImportsBody(
    [property: JsonPropertyName("catalog")] string Catalog,
    [property: JsonPropertyName("queue")] IReadOnlyList<ImportStatusBody> Queue,
    [property: JsonPropertyName("history")] IReadOnlyList<ImportStatusBody> History);

internal static class ImportJson
{
    public static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
