using System.Text.Json;
using System.Text.RegularExpressions;
using CatalogHub.Api.Problems;

namespace CatalogHub.Api.Stores;

/// <summary>
/// Reads the bodies of the store admin API. Every shape problem is a field and a message (the 422 of seed 002);
/// fields the API does not know are ignored, as the ingestion API ignores them. Pure, so unit tests reach it.
/// </summary>
public static partial class StoreRequestRules
{
    public const int MaxStoreName = 200;
    public const int MaxLocationName = 255;

    /// <summary>A store number: 1–50 letters, digits, '_', '.', '-', starting with a letter or digit (the table's check).</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,49}$")]
    private static partial Regex StoreNumberPattern();

    /// <summary>True when <paramref name="storeNumber"/> has the shape of a store number.</summary>
    public static bool IsStoreNumber(string? storeNumber) => storeNumber is not null && StoreNumberPattern().IsMatch(storeNumber);

    public static (CreateStoreRequest? Request, List<FieldError> Errors) ParseCreateStore(JsonElement body)
    {
        var errors = ObjectErrors(body);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        string? storeNumber = null;
        if (!body.TryGetProperty("store_number", out var sn) || sn.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new("store_number", "is required"));
        }
        else if (sn.ValueKind != JsonValueKind.String)
        {
            errors.Add(new("store_number", "must be a string"));
        }
        else if (!IsStoreNumber(storeNumber = sn.GetString()))
        {
            errors.Add(new("store_number", "must be 1 to 50 letters, digits, '_', '.' or '-', starting with a letter or digit"));
        }

        var name = Name(body, MaxStoreName, required: true, errors);
        var active = Active(body, errors);
        return errors.Count > 0 ? (null, errors) : (new CreateStoreRequest(storeNumber!, name!, active), errors);
    }

    /// <summary>A PATCH of store <paramref name="storeNumber"/>: <c>store_number</c> may be sent back unchanged but not changed.</summary>
    public static (UpdateStoreRequest? Request, List<FieldError> Errors) ParseUpdateStore(JsonElement body, string storeNumber)
    {
        var errors = ObjectErrors(body);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        if (body.TryGetProperty("store_number", out var sn) && !(sn.ValueKind == JsonValueKind.String && sn.GetString() == storeNumber))
        {
            errors.Add(new("store_number", "cannot be changed: it keys the store's catalog"));
        }

        var name = Name(body, MaxStoreName, required: false, errors);
        var active = Active(body, errors);
        if (errors.Count == 0 && name is null && active is null)
        {
            errors.Add(new("body", "give name and/or active"));
        }

        return errors.Count > 0 ? (null, errors) : (new UpdateStoreRequest(name, active), errors);
    }

    public static (CreateLocationRequest? Request, List<FieldError> Errors) ParseCreateLocation(JsonElement body)
    {
        var errors = ObjectErrors(body);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var name = Name(body, MaxLocationName, required: true, errors);
        var active = Active(body, errors);
        return errors.Count > 0 ? (null, errors) : (new CreateLocationRequest(name!, active), errors);
    }

    public static (UpdateLocationRequest? Request, List<FieldError> Errors) ParseUpdateLocation(JsonElement body)
    {
        var errors = ObjectErrors(body);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var name = Name(body, MaxLocationName, required: false, errors);
        var active = Active(body, errors);
        if (errors.Count == 0 && name is null && active is null)
        {
            errors.Add(new("body", "give name and/or active"));
        }

        return errors.Count > 0 ? (null, errors) : (new UpdateLocationRequest(name, active), errors);
    }

    /// <summary>The <c>active</c> query filter of the lists: absent, <c>true</c> or <c>false</c>.</summary>
    public static (bool? Active, List<FieldError> Errors) ParseActiveFilter(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return (null, []);
        }

        return bool.TryParse(value, out var active) ? (active, []) : (null, [new("active", "must be true or false")]);
    }

    private static List<FieldError> ObjectErrors(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object ? [] : [new("body", "must be a JSON object")];

    /// <summary>A name: a string of 1 to <paramref name="max"/> characters once trimmed, without control characters.</summary>
    private static string? Name(JsonElement body, int max, bool required, List<FieldError> errors)
    {
        if (!body.TryGetProperty("name", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add(new("name", "is required"));
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new("name", "must be a string"));
            return null;
        }

        var name = value.GetString()!.Trim();
        if (name.Length == 0 || name.Length > max)
        {
            errors.Add(new("name", $"must be 1 to {max} characters (not blank)"));
            return null;
        }

        if (name.Any(char.IsControl))
        {
            errors.Add(new("name", "must not contain control characters"));
            return null;
        }

        return name;
    }

    private static bool? Active(JsonElement body, List<FieldError> errors)
    {
        if (!body.TryGetProperty("active", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        errors.Add(new("active", "must be true or false"));
        return null;
    }
}
