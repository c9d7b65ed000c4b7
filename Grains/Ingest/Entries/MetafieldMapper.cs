using System.Text.Json;

namespace CatalogHub.Grains.Ingest.Entries;

/// <summary>
/// Seed 002's metafields (product <c>metafields</c>, <c>variant_metafields</c>): keys <c>namespace.key</c>, or the
/// descriptor <c>metafield.namespace.key[.type]</c> reduced to <c>namespace.key</c>; values as text, booleans as
/// "True"/"False", taxonomy codes zero-padded to 3 digits.
/// </summary>
public static class MetafieldMapper
{
    /// <summary>Metafields whose numeric values are zero-padded to <see cref="TaxonomyLength"/> digits.</summary>
    public static readonly IReadOnlySet<string> TaxonomyKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "taxonomy.department", "taxonomy.sub_department", "taxonomy.class", "taxonomy.sub_class", "custom.dept",
    };

    public const int TaxonomyLength = 3;

    private const string DescriptorPrefix = "metafield";

    /// <summary>
    /// The metafields in object field <paramref name="field"/> of <paramref name="reader"/>'s entry (empty when
    /// absent). A JSON null or blank value leaves the metafield out; an object or array value is a conversion error,
    /// a key of another shape a validation error, each naming <c>{field}.{key}</c>. When two keys name one metafield
    /// (<c>custom.a</c> and <c>metafield.custom.a.string</c>), the later one wins.
    /// </summary>
    public static Dictionary<string, string> Read(EntryReader reader, string field)
    {
        var metafields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reader.Element(field, JsonValueKind.Object) is not { } map)
        {
            return metafields;
        }

        foreach (var property in map.EnumerateObject())
        {
            var at = $"{field}.{property.Name}";
            if (Key(property.Name) is not { } key)
            {
                reader.Invalid(at, $"metafield key '{property.Name}' must be namespace.key (or metafield.namespace.key.type)");
                continue;
            }

            var value = property.Value;
            string? text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.True => "True",
                JsonValueKind.False => "False",
                _ => null,
            };
            if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                reader.Convert(at, "a string", value);
            }
            else if (!string.IsNullOrWhiteSpace(text))
            {
                metafields[key] = Value(key, text);
            }
        }

        return metafields;
    }

    /// <summary>
    /// <c>namespace.key</c> for a key of that form or of the descriptor form <c>metafield.namespace.key</c> /
    /// <c>metafield.namespace.key.type</c> (the type is dropped); null for any other shape.
    /// </summary>
    public static string? Key(string name)
    {
        var parts = name.Trim().Split('.');
        if (parts.Any(p => p.Length == 0 || p.Any(char.IsWhiteSpace)))
        {
            return null;
        }

        return parts.Length switch
        {
            2 => $"{parts[0]}.{parts[1]}",
            3 or 4 when parts[0].Equals(DescriptorPrefix, StringComparison.OrdinalIgnoreCase) => $"{parts[1]}.{parts[2]}",
            _ => null,
        };
    }

    /// <summary>
    /// The stored value of metafield <paramref name="key"/>: "True"/"False" for a boolean-like text (see
    /// <see cref="Boolean"/>), a taxonomy code of 1 or 2 digits padded to 3, otherwise <paramref name="text"/> as sent.
    /// </summary>
    public static string Value(string key, string text)
    {
        var trimmed = text.Trim();
        if (Boolean(trimmed) is { } flag)
        {
            return flag ? "True" : "False";
        }

        return TaxonomyKeys.Contains(key) && trimmed.Length > 0 && trimmed.All(char.IsAsciiDigit)
            ? trimmed.PadLeft(TaxonomyLength, '0')
            : text;
    }

    /// <summary>True for Y, YES, TRUE; false for N, NO, FALSE (any letter case); null for every other text.</summary>
    public static bool? Boolean(string text) => text.ToUpperInvariant() switch
    {
        "Y" or "YES" or "TRUE" => true,
        "N" or "NO" or "FALSE" => false,
        _ => null,
    };
}
