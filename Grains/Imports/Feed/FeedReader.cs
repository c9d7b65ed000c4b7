using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace CatalogHub.Grains.Imports.Feed;

/// <summary>How a feed's items are laid out: one JSON array, or one JSON object per line (NDJSON).</summary>
public enum FeedFormat
{
    Json,
    Ndjson,
}

/// <summary>
/// Streams the items of a feed body: gzip is inflated on the fly and each item is parsed alone, so memory holds one
/// item (and the reader's buffer) whatever the feed's size. A body that is not JSON (or not gzip) throws
/// <see cref="JsonException"/> (or <see cref="InvalidDataException"/>) where it breaks; <see cref="Describe"/> words it.
/// </summary>
public static class FeedReader
{
    private static readonly JsonSerializerOptions Options = new() { DefaultBufferSize = 64 * 1024 };

    public static async IAsyncEnumerable<(int Index, JsonElement Item)> ItemsAsync(
        Stream body, FeedFormat format, bool gzip, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var decoded = gzip ? new GZipStream(body, CompressionMode.Decompress, leaveOpen: true) : null;
        var source = decoded ?? body;
        var items = format == FeedFormat.Ndjson
            ? JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(source, topLevelValues: true, Options, ct)
            : JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(source, Options, ct);
        var index = 0;
        await foreach (var item in items)
        {
            yield return (index++, item);
        }
    }

    /// <summary>The validation error for a body that broke off: where and why.</summary>
    public static FeedError Describe(Exception e, int itemsRead) => e switch
    {
        InvalidDataException => new FeedError("$", "the body is not valid gzip (Content-Encoding: gzip)"),
        JsonException j => new FeedError($"$[{itemsRead}]", $"not valid JSON{Where(j)}: {j.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}"),
        _ => new FeedError("$", e.Message),
    };

    private static string Where(JsonException e) => e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
}
