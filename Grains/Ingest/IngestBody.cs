using System.Text.Json;

namespace CatalogHub.Grains.Ingest;

/// <summary>One entry of a request: its 1-based position, the client's entry_id and its data.</summary>
public sealed record IngestEntry(int Row, string EntryId, JsonElement Data);

/// <summary>
/// The entries of a request body the API accepted (it checked the envelope: an object with an <c>entries</c>
/// array of objects carrying <c>entry_id</c> and <c>data</c>). Owns the parsed document; dispose it when done.
/// </summary>
public sealed class IngestBody : IDisposable
{
    private readonly JsonDocument _document;

    private IngestBody(JsonDocument document, IReadOnlyList<IngestEntry> entries)
    {
        _document = document;
        Entries = entries;
    }

    public IReadOnlyList<IngestEntry> Entries { get; }

    public static IngestBody Parse(ReadOnlyMemory<byte> body)
    {
        var document = JsonDocument.Parse(body);
        var entries = new List<IngestEntry>();
        if (document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("entries", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            var row = 0;
            foreach (var entry in array.EnumerateArray())
            {
                row++;
                var id = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("entry_id", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : "";
                var data = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("data", out var d) ? d : default;
                entries.Add(new IngestEntry(row, id, data));
            }
        }

        return new IngestBody(document, entries);
    }

    public void Dispose() => _document.Dispose();
}
