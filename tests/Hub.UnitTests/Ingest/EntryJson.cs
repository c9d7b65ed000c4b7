using System.Text.Json;

namespace CatalogHub.UnitTests.Ingest;

/// <summary>An entry's <c>data</c> from JSON text, for the mapper tests.</summary>
internal static class EntryJson
{
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
