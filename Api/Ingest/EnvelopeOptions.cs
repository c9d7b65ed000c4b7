using CatalogHub.Api.Problems;
using CatalogHub.Grains.Ingest;
using System.Text.Json;

namespace CatalogHub.Api.Ingest;

/// <summary>
/// The envelope's <c>options</c> as read in one pass: <c>validate_only</c> and <c>force_sync</c> (booleans) and,
/// for inventory, <c>mode</c> (initial or delta). A field named twice counts as its last value, as an object's
/// member lookup does.
/// </summary>
public sealed class EnvelopeOptions
{
    private EnvelopeOptions(JsonValueKind kind) => Kind = kind;

    /// <summary>The <c>options</c> field is not in the envelope.</summary>
    public static EnvelopeOptions Absent => new(JsonValueKind.Undefined);

    public JsonValueKind Kind { get; }

    private JsonValueKind ValidateOnly { get; set; } = JsonValueKind.Undefined;

    private JsonValueKind ForceSync { get; set; } = JsonValueKind.Undefined;

    private EnvelopeText Mode { get; set; } = EnvelopeText.Absent;

    /// <summary>A mode that is not valid UTF-8, thrown once the whole body has been read.</summary>
    public InvalidOperationException? Failure => Mode.Failure;

    /// <summary>Reads the value after the property name the reader is on, leaving the reader at its last token.</summary>
    public static EnvelopeOptions Read(ref Utf8JsonReader reader, IngestKind kind)
    {
        var options = new EnvelopeOptions(EnvelopeJson.ReadValue(ref reader));
        if (options.Kind != JsonValueKind.Object)
        {
            reader.Skip();
            return options;
        }

        while (EnvelopeJson.NextProperty(ref reader))
        {
            if (kind == IngestKind.Inventory && reader.ValueTextEquals("mode"u8))
            {
                options.Mode = EnvelopeText.Read(ref reader);
            }
            else if (reader.ValueTextEquals("validate_only"u8))
            {
                options.ValidateOnly = EnvelopeJson.SkipValue(ref reader);
            }
            else if (reader.ValueTextEquals("force_sync"u8))
            {
                options.ForceSync = EnvelopeJson.SkipValue(ref reader);
            }
            else
            {
                EnvelopeJson.SkipValue(ref reader);
            }
        }

        return options;
    }

    /// <summary>The flags; the problems are added to <paramref name="errors"/>.</summary>
    public (bool ValidateOnly, bool ForceSync, bool Initial) Check(List<FieldError> errors)
    {
        if (Kind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return (false, false, false);
        }

        if (Kind != JsonValueKind.Object)
        {
            errors.Add(new FieldError("options", "must be an object"));
            return (false, false, false);
        }

        var validateOnly = Flag(ValidateOnly, "validate_only", errors);
        var forceSync = Flag(ForceSync, "force_sync", errors);
        if (!Mode.IsMissing && Mode.Text is not ("initial" or "delta"))
        {
            errors.Add(new FieldError("options.mode", "must be one of: initial, delta"));
        }

        return (validateOnly, forceSync, Mode.Text == "initial");
    }

    private static bool Flag(JsonValueKind value, string name, List<FieldError> errors)
    {
        if (value is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return false;
        }

        if (value is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add(new FieldError($"options.{name}", "must be a boolean"));
            return false;
        }

        return value == JsonValueKind.True;
    }
}
