using System.Globalization;
using System.Text.Json;
using CatalogHub.Grains.Catalog;

namespace CatalogHub.Grains.Ingest.Entries;

/// <summary>
/// Reads the typed fields of one entry's JSON object and keeps the first error. A field that is absent or JSON
/// <c>null</c> reads as null (its default applies); a value of the wrong JSON type is a <c>conversion</c> error,
/// a text longer than its limit a <c>validation</c> error, each naming the JSON field. Unknown fields are never
/// read, so they are ignored. <paramref name="where"/> (e.g. "variants[2]") prefixes messages of nested objects.
/// </summary>
public sealed class EntryReader(JsonElement data, string? where = null, string objectField = "data")
{
    private readonly bool _isObject = data.ValueKind == JsonValueKind.Object;

    /// <summary>The first error met, or null.</summary>
    public EntryError? Error { get; private set; } = data.ValueKind == JsonValueKind.Object
        ? null
        : EntryError.Conversion($"{(where is null ? "data" : where)} must be a JSON object", objectField);

    /// <summary>Records <paramref name="error"/> unless an earlier one is kept.</summary>
    public void Fail(EntryError error) => Error ??= error;

    /// <summary>Records a validation error about <paramref name="field"/>; the message is prefixed with the object's place.</summary>
    public void Invalid(string field, string message) => Fail(EntryError.Validation(Say(message), field));

    /// <summary>The field's value when present and not JSON null.</summary>
    public bool TryGet(string field, out JsonElement value)
    {
        value = default;
        return _isObject && data.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null;
    }

    /// <summary>A string field as sent (null when absent).</summary>
    public string? String(string field, int maxLength = 255)
    {
        if (!TryGet(field, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Convert(field, "a string", value);
            return null;
        }

        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            Invalid(field, $"{field} must be at most {maxLength} characters");
        }

        return text;
    }

    /// <summary>A string field trimmed; null when absent, empty or blank.</summary>
    public string? Text(string field, int maxLength = 255) => String(field, maxLength)?.Trim() is { Length: > 0 } t ? t : null;

    /// <summary>A required string field, trimmed; a validation error when absent or blank.</summary>
    public string Required(string field, int maxLength = 255)
    {
        var text = Text(field, maxLength);
        if (text is null)
        {
            Invalid(field, $"{field} is required");
        }

        return text ?? "";
    }

    /// <summary>A JSON number as <see cref="decimal"/>; a number no decimal holds is a conversion error.</summary>
    public decimal? Decimal(string field)
    {
        if (!TryGet(field, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            Convert(field, "a number", value);
        }
        else if (value.TryGetDecimal(out var number))
        {
            return number;
        }
        else
        {
            Fail(EntryError.Conversion(Say($"{field} {value.GetRawText()} is outside the range of a decimal amount"), field));
        }

        return null;
    }

    /// <summary>A money amount: a JSON number from 0 to below <see cref="ProductRules.MaxMoney"/>.</summary>
    public decimal? Money(string field) => CheckMoney(field, Decimal(field));

    /// <summary>Validates an amount already read: not negative, not too large for the catalog.</summary>
    public decimal? CheckMoney(string field, decimal? amount)
    {
        if (amount < 0)
        {
            Invalid(field, $"{field} must be 0 or more");
        }
        else if (amount >= ProductRules.MaxMoney)
        {
            Invalid(field, $"{field} must be less than {ProductRules.MaxMoney.ToString(CultureInfo.InvariantCulture)}");
        }

        return amount;
    }

    public bool? Boolean(string field)
    {
        if (!TryGet(field, out var value))
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Convert(field, "true or false", value);
        return null;
    }

    /// <summary>A field that must be a JSON object or array (<paramref name="kind"/>); null when absent.</summary>
    public JsonElement? Element(string field, JsonValueKind kind)
    {
        if (!TryGet(field, out var value))
        {
            return null;
        }

        if (value.ValueKind == kind)
        {
            return value;
        }

        Convert(field, kind == JsonValueKind.Array ? "an array" : "an object", value);
        return null;
    }

    /// <summary>Records that <paramref name="field"/> holds a JSON value of the wrong type.</summary>
    public void Convert(string field, string expected, JsonElement value) =>
        Fail(EntryError.Conversion(Say($"{field} must be {expected}, not {Kind(value)}"), field));

    private string Say(string message) => where is null ? message : $"{where}: {message}";

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };
}
