using CatalogHub.Api.Problems;
using System.Text.Json;

namespace CatalogHub.Api.Ingest;

/// <summary>
/// The envelope's <c>entries</c> as read in one pass: how many, and the problems of each entry (an object with
/// a text <c>entry_id</c> and an object <c>data</c>; the data itself is skipped, never built). Past
/// <c>maxEntries</c> entries only the count goes on: that answer is the count's error alone.
/// </summary>
public sealed class EnvelopeEntries
{
    private readonly List<FieldError> _entryErrors = [];

    private EnvelopeEntries(JsonValueKind kind) => Kind = kind;

    /// <summary>The <c>entries</c> field is not in the envelope.</summary>
    public static EnvelopeEntries Absent => new(JsonValueKind.Undefined);

    public JsonValueKind Kind { get; }

    public int Count { get; private set; }

    /// <summary>The first entry_id that is not valid UTF-8, thrown once the whole body has been read.</summary>
    public InvalidOperationException? Failure { get; private set; }

    /// <summary>Reads the value after the property name the reader is on, leaving the reader at its last token.</summary>
    public static EnvelopeEntries Read(ref Utf8JsonReader reader, int maxEntries)
    {
        if (EnvelopeJson.ReadValue(ref reader) is var kind && kind != JsonValueKind.Array)
        {
            reader.Skip();
            return new EnvelopeEntries(kind);
        }

        var entries = new EnvelopeEntries(kind);
        while (EnvelopeJson.ReadValue(ref reader) is var entry && reader.TokenType != JsonTokenType.EndArray)
        {
            var at = $"entries[{entries.Count++}]";
            if (entries.Count > maxEntries || entry != JsonValueKind.Object)
            {
                reader.Skip();
                if (entries.Count <= maxEntries)
                {
                    entries._entryErrors.Add(new FieldError(at, "must be an object"));
                }

                continue;
            }

            entries.ReadEntry(ref reader, at);
        }

        if (entries.Count > maxEntries)
        {
            // Only the count answers: what the entries held is not looked at.
            entries._entryErrors.Clear();
            entries.Failure = null;
        }

        return entries;
    }

    /// <summary>The entry count; the problems are added to <paramref name="errors"/>.</summary>
    public int Check(int maxEntries, List<FieldError> errors)
    {
        if (Kind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            errors.Add(new FieldError("entries", "is required"));
            return 0;
        }

        if (Kind != JsonValueKind.Array)
        {
            errors.Add(new FieldError("entries", "must be an array"));
            return 0;
        }

        if (Count == 0)
        {
            errors.Add(new FieldError("entries", "must contain at least 1 item"));
        }
        else if (Count > maxEntries)
        {
            errors.Add(new FieldError("entries", $"must contain at most {maxEntries} items"));
            return Count;
        }

        errors.AddRange(_entryErrors);
        return Count;
    }

    private void ReadEntry(ref Utf8JsonReader reader, string at)
    {
        var entryId = EnvelopeText.Absent;
        var data = JsonValueKind.Undefined;
        while (EnvelopeJson.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("entry_id"u8))
            {
                entryId = EnvelopeText.Read(ref reader);
                continue;
            }

            var isData = reader.ValueTextEquals("data"u8);
            var kind = EnvelopeJson.SkipValue(ref reader);
            data = isData ? kind : data;
        }

        Failure ??= entryId.Failure;
        if (entryId.IsMissing)
        {
            _entryErrors.Add(new FieldError($"{at}.entry_id", "is required"));
        }
        else
        {
            entryId.Check($"{at}.entry_id", _entryErrors);
        }

        if (data is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            _entryErrors.Add(new FieldError($"{at}.data", "is required"));
        }
        else if (data != JsonValueKind.Object)
        {
            _entryErrors.Add(new FieldError($"{at}.data", "must be an object"));
        }
    }
}
