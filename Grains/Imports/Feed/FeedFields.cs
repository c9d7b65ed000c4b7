using System.Globalization;
using System.Text.Json;

namespace CatalogHub.Grains.Imports.Feed;

/// <summary>
/// Reads the fields of one JSON object of a feed, adding a <see cref="FeedError"/> (with the field's path) for each
/// value of the wrong type or out of range instead of stopping at the first, so a feed's report names every error.
/// </summary>
internal sealed class FeedFields(JsonElement obj, string path, List<FeedError> errors)
{
    public const int MaxText = 4096;
    public const int MaxKey = 255;

    public string Path => path;

    public List<FeedError> Errors => errors;

    public bool Has(string name) => obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public void Error(string field, string message) => errors.Add(new FeedError(At(field), message));

    public string At(string field) => $"{path}.{field}";

    /// <summary>Every property not in <paramref name="known"/> is an error: a misspelt field would otherwise be lost silently.</summary>
    public void RejectUnknown(params string[] known)
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (System.Array.IndexOf(known, p.Name) < 0)
            {
                Error(p.Name, "is not a field of this item");
            }
        }
    }

    public string? Text(string name, bool required = false, int max = MaxText)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Error(name, "is required");
            }

            return null;
        }

        if (v.ValueKind != JsonValueKind.String)
        {
            Error(name, "must be a string");
            return null;
        }

        var text = v.GetString()!;
        if (required && string.IsNullOrWhiteSpace(text))
        {
            Error(name, "must not be blank");
            return null;
        }

        if (text.Length > max)
        {
            Error(name, $"must be at most {max} characters");
            return null;
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            Error(name, "must not contain NUL characters");
            return null;
        }

        return text;
    }

    public decimal? Money(string name)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out var d))
        {
            Error(name, "must be a number");
            return null;
        }

        if (d < 0 || d >= Catalog.ProductRules.MaxMoney)
        {
            Error(name, string.Create(CultureInfo.InvariantCulture, $"must be at least 0 and below {Catalog.ProductRules.MaxMoney}"));
            return null;
        }

        return d;
    }

    public long? Integer(string name)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var n))
        {
            Error(name, "must be a whole number");
            return null;
        }

        return n;
    }

    public bool? Bool(string name)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Error(name, "must be true or false");
            return null;
        }

        return v.GetBoolean();
    }

    public IReadOnlyList<string> Texts(string name)
    {
        var list = new List<string>();
        foreach (var (item, at) in Array(name))
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()) || item.GetString()!.Length > MaxText)
            {
                errors.Add(new FeedError(at, $"must be a non-blank string of at most {MaxText} characters"));
            }
            else
            {
                list.Add(item.GetString()!);
            }
        }

        return list;
    }

    /// <summary>The objects of the array <paramref name="name"/> with their paths; a non-object element is an error.</summary>
    public IEnumerable<FeedFields> Objects(string name)
    {
        foreach (var (item, at) in Array(name))
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new FeedError(at, "must be an object"));
                continue;
            }

            yield return new FeedFields(item, at, errors);
        }
    }

    /// <summary>The object <paramref name="name"/>, or null (an error when it is there but not an object).</summary>
    public FeedFields? Object(string name)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Object)
        {
            Error(name, "must be an object");
            return null;
        }

        return new FeedFields(v, At(name), errors);
    }

    public IEnumerable<string> Names() => obj.EnumerateObject().Select(p => p.Name);

    private IEnumerable<(JsonElement Item, string Path)> Array(string name)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            yield break;
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            Error(name, "must be an array");
            yield break;
        }

        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            yield return (item, $"{At(name)}[{i++}]");
        }
    }
}
