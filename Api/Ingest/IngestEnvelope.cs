using CatalogHub.Api.Problems;
using System.Text.Json;
using CatalogHub.Grains.Ingest;

namespace CatalogHub.Api.Ingest;

/// <summary>
/// A request body's envelope (seed 002's *IngestRequest): the idempotency key, the options and the number of
/// entries, checked field by field. Entry <c>data</c> is not judged here: a bad entry gets its own error result;
/// only the envelope answers 422. Unknown fields are ignored.
/// </summary>
public sealed record IngestEnvelope(string? IdempotencyKey, bool ValidateOnly, bool ForceSync, bool InitialInventory, int Entries)
{
    public const int MaxTextLength = 255;

    /// <summary>The envelope, or the problems of the body (<see cref="JsonException"/> when it is not JSON at all).</summary>
    public static (IngestEnvelope? Envelope, IReadOnlyList<FieldError> Errors) Parse(ReadOnlyMemory<byte> body, IngestKind kind, int maxEntries)
    {
        using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        var root = document.RootElement;
        var errors = new List<FieldError>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, [new FieldError("body", "must be a JSON object")]);
        }

        var key = OptionalText(root, "idempotency_key", "idempotency_key", errors);
        var count = CheckEntries(root, maxEntries, errors);
        var (validateOnly, forceSync, initial) = Options(root, kind, errors);
        return errors.Count > 0 ? (null, errors) : (new IngestEnvelope(key, validateOnly, forceSync, initial, count), errors);
    }

    private static int CheckEntries(JsonElement root, int maxEntries, List<FieldError> errors)
    {
        if (!root.TryGetProperty("entries", out var entries) || entries.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new FieldError("entries", "is required"));
            return 0;
        }

        if (entries.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new FieldError("entries", "must be an array"));
            return 0;
        }

        var count = entries.GetArrayLength();
        if (count == 0)
        {
            errors.Add(new FieldError("entries", "must contain at least 1 item"));
        }
        else if (count > maxEntries)
        {
            errors.Add(new FieldError("entries", $"must contain at most {maxEntries} items"));
            return count;
        }

        var i = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            var at = $"entries[{i++}]";
            if (entry.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new FieldError(at, "must be an object"));
                continue;
            }

            if (OptionalText(entry, "entry_id", $"{at}.entry_id", errors) is null && !errors.Any(e => e.Field == $"{at}.entry_id"))
            {
                errors.Add(new FieldError($"{at}.entry_id", "is required"));
            }

            if (!entry.TryGetProperty("data", out var data) || data.ValueKind == JsonValueKind.Null)
            {
                errors.Add(new FieldError($"{at}.data", "is required"));
            }
            else if (data.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new FieldError($"{at}.data", "must be an object"));
            }
        }

        return count;
    }

    private static (bool ValidateOnly, bool ForceSync, bool Initial) Options(JsonElement root, IngestKind kind, List<FieldError> errors)
    {
        if (!root.TryGetProperty("options", out var options) || options.ValueKind == JsonValueKind.Null)
        {
            return (false, false, false);
        }

        if (options.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError("options", "must be an object"));
            return (false, false, false);
        }

        var validateOnly = Flag(options, "validate_only", errors);
        var forceSync = Flag(options, "force_sync", errors);
        var initial = false;
        if (kind == IngestKind.Inventory && options.TryGetProperty("mode", out var mode) && mode.ValueKind != JsonValueKind.Null)
        {
            var text = mode.ValueKind == JsonValueKind.String ? mode.GetString() : null;
            if (text is not ("initial" or "delta"))
            {
                errors.Add(new FieldError("options.mode", "must be one of: initial, delta"));
            }

            initial = text == "initial";
        }

        return (validateOnly, forceSync, initial);
    }

    private static bool Flag(JsonElement options, string name, List<FieldError> errors)
    {
        if (!options.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add(new FieldError($"options.{name}", "must be a boolean"));
            return false;
        }

        return value.GetBoolean();
    }

    private static string? OptionalText(JsonElement parent, string name, string field, List<FieldError> errors)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError(field, "must be a string"));
            return null;
        }

        var text = value.GetString()!;
        if (text.Length is 0 or > MaxTextLength)
        {
            errors.Add(new FieldError(field, $"must be 1 to {MaxTextLength} characters"));
            return null;
        }

        return text;
    }
}
