using CatalogHub.Api.Problems;
using System.Text.Json;
using CatalogHub.Grains.Ingest;

namespace CatalogHub.Api.Ingest;

/// <summary>
/// A request body's envelope (seed 002's *IngestRequest): the idempotency key, the options and the number of
/// entries, checked field by field. Entry <c>data</c> is not judged here: a bad entry gets its own error result;
/// only the envelope answers 422. Unknown fields are ignored.
/// </summary>
/// <remarks>
/// One forward pass of a <see cref="Utf8JsonReader"/>: the job's grain builds the document of the entries, so
/// the API builds none (a 10,000-entry batch is ≈ 9 MB). The answers are those of a document's member lookups:
/// a field named twice counts as its last value, and malformed JSON anywhere is a <see cref="JsonException"/>
/// before any other problem.
/// </remarks>
public sealed record IngestEnvelope(string? IdempotencyKey, bool ValidateOnly, bool ForceSync, bool InitialInventory, int Entries)
{
    public const int MaxTextLength = 255;

    /// <summary>The envelope, or the problems of the body (<see cref="JsonException"/> when it is not JSON at all).</summary>
    public static (IngestEnvelope? Envelope, IReadOnlyList<FieldError> Errors) Parse(ReadOnlyMemory<byte> body, IngestKind kind, int maxEntries)
    {
        var reader = new Utf8JsonReader(body.Span, EnvelopeJson.Options);
        if (EnvelopeJson.ReadValue(ref reader) != JsonValueKind.Object)
        {
            ReadToEnd(ref reader);
            return (null, [new FieldError("body", "must be a JSON object")]);
        }

        var key = EnvelopeText.Absent;
        var entries = EnvelopeEntries.Absent;
        var options = EnvelopeOptions.Absent;
        while (EnvelopeJson.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("idempotency_key"u8))
            {
                key = EnvelopeText.Read(ref reader);
            }
            else if (reader.ValueTextEquals("entries"u8))
            {
                entries = EnvelopeEntries.Read(ref reader, maxEntries);
            }
            else if (reader.ValueTextEquals("options"u8))
            {
                options = EnvelopeOptions.Read(ref reader, kind);
            }
            else
            {
                EnvelopeJson.SkipValue(ref reader);
            }
        }

        ReadToEnd(ref reader);
        if ((key.Failure ?? entries.Failure ?? options.Failure) is { } notText)
        {
            throw notText;
        }

        var errors = new List<FieldError>();
        var idempotencyKey = key.Check("idempotency_key", errors);
        var count = entries.Check(maxEntries, errors);
        var (validateOnly, forceSync, initial) = options.Check(errors);
        return errors.Count > 0 ? (null, errors) : (new IngestEnvelope(idempotencyKey, validateOnly, forceSync, initial, count), errors);
    }

    /// <summary>Reads past the root value: anything after it is malformed JSON.</summary>
    private static void ReadToEnd(ref Utf8JsonReader reader)
    {
        reader.Skip();
        while (reader.Read())
        {
        }
    }
}
