using System.Text.Json;

namespace CatalogHub.Api.Ingest;

/// <summary>Moves of the envelope's one forward pass over a request body.</summary>
public static class EnvelopeJson
{
    /// <summary>The reader options <c>JsonDocument.Parse</c> had here: the same malformed-JSON messages.</summary>
    public static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    /// <summary>Moves to the next value (after a property name or in an array) and names its kind.</summary>
    public static JsonValueKind ReadValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        return KindOf(reader.TokenType);
    }

    /// <summary>Moves past the next value (after a property name or in an array) and names its kind.</summary>
    public static JsonValueKind SkipValue(ref Utf8JsonReader reader)
    {
        var kind = ReadValue(ref reader);
        reader.Skip();
        return kind;
    }

    /// <summary>
    /// Moves to the next property name of the object the reader is in: true with the reader on it, false at the
    /// object's end.
    /// </summary>
    public static bool NextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    public static JsonValueKind KindOf(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => JsonValueKind.Object,
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        JsonTokenType.Null => JsonValueKind.Null,
        _ => JsonValueKind.Undefined,
    };
}
