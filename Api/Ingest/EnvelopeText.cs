using CatalogHub.Api.Problems;
using System.Text.Json;

namespace CatalogHub.Api.Ingest;

/// <summary>
/// A text field of the envelope as read (absent, null, another kind of value, or its text) and its rule:
/// optional, else a string of 1 to <see cref="IngestEnvelope.MaxTextLength"/> characters. Text that is not valid
/// UTF-8 is kept as its <see cref="Failure"/> rather than thrown, so the document is still read to its end
/// first: malformed JSON anywhere answers 400 before anything else.
/// </summary>
public readonly record struct EnvelopeText(JsonValueKind Kind, string? Text, InvalidOperationException? Failure)
{
    /// <summary>The field is not in its object.</summary>
    public static readonly EnvelopeText Absent = new(JsonValueKind.Undefined, null, null);

    public bool IsMissing => Kind is JsonValueKind.Undefined or JsonValueKind.Null;

    /// <summary>Reads the value after the property name the reader is on, leaving the reader at its last token.</summary>
    public static EnvelopeText Read(ref Utf8JsonReader reader)
    {
        var kind = EnvelopeJson.ReadValue(ref reader);
        if (kind != JsonValueKind.String)
        {
            reader.Skip();
            return new EnvelopeText(kind, null, null);
        }

        try
        {
            return new EnvelopeText(kind, reader.GetString(), null);
        }
        catch (InvalidOperationException e)
        {
            return new EnvelopeText(kind, null, e);
        }
    }

    /// <summary>The text, or null when it is absent or breaks the rule (then the problem is in <paramref name="errors"/>).</summary>
    public string? Check(string field, List<FieldError> errors)
    {
        if (IsMissing || Failure is not null)
        {
            return null;
        }

        if (Kind != JsonValueKind.String)
        {
            errors.Add(new FieldError(field, "must be a string"));
            return null;
        }

        if (Text!.Length is 0 or > IngestEnvelope.MaxTextLength)
        {
            errors.Add(new FieldError(field, $"must be 1 to {IngestEnvelope.MaxTextLength} characters"));
            return null;
        }

        return Text;
    }
}
