namespace CatalogHub.Api.Auth;

/// <summary>
/// Body of <c>POST /api/keys</c>; <c>limits</c> (optional) sets the key's own ingestion limits; <c>callback_url</c> and
/// <c>callback_secret</c> (optional) its default job callback URL and the secret that signs its callbacks.
/// </summary>
public sealed record CreateApiKeyRequest(
    string? Name, IReadOnlyList<string>? Scopes, IReadOnlyList<string>? StoreNumbers, ApiKeyLimits? Limits = null,
    string? CallbackUrl = null, string? CallbackSecret = null);

/// <summary>Body of <c>PUT /api/keys/{id}/callback</c>: the default URL (null: none) and the signing secret (null: keep the stored one).</summary>
public sealed record ApiKeyCallbackRequest(string? CallbackUrl = null, string? CallbackSecret = null);

/// <summary>Checks a key request; pure, so unit tests reach it.</summary>
public static class ApiKeyRequestRules
{
    /// <summary>Field → messages; empty when the request is valid.</summary>
    public static Dictionary<string, string[]> Validate(CreateApiKeyRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (Validation.NameRule.Problem(request.Name) is { } name)
        {
            errors["name"] = [name];
        }

        if (request.Scopes is null || request.Scopes.Count == 0)
        {
            errors["scopes"] = [$"scopes must list at least one of: {string.Join(", ", Auth.Scopes.All)}"];
        }
        else if (request.Scopes.Except(Auth.Scopes.All).ToArray() is { Length: > 0 } unknown)
        {
            errors["scopes"] = [$"unknown scope(s): {string.Join(", ", unknown)}; allowed: {string.Join(", ", Auth.Scopes.All)}"];
        }

        if (request.StoreNumbers is { } stores && stores.Any(s => string.IsNullOrWhiteSpace(s) || s.Length > 50))
        {
            errors["store_numbers"] = ["each store number must be 1 to 50 characters"];
        }

        AddLimitErrors(request.Limits, errors);
        foreach (var (field, messages) in Callbacks.CallbackRules.Validate(request.CallbackUrl, request.CallbackSecret, hasSecret: false))
        {
            errors[field] = messages;
        }

        return errors;
    }

    /// <summary>Field → messages for a limits object: every limit given must be a positive integer.</summary>
    public static Dictionary<string, string[]> ValidateLimits(ApiKeyLimits? limits)
    {
        var errors = new Dictionary<string, string[]>();
        AddLimitErrors(limits, errors);
        return errors;
    }

    private static void AddLimitErrors(ApiKeyLimits? limits, Dictionary<string, string[]> errors)
    {
        if (limits is null)
        {
            return;
        }

        foreach (var (field, value) in new (string, long?)[]
        {
            ("requests_per_minute", limits.RequestsPerMinute),
            ("entries_per_minute", limits.EntriesPerMinute),
            ("max_payload_bytes", limits.MaxPayloadBytes),
            ("max_entries_per_request", limits.MaxEntriesPerRequest),
        })
        {
            if (value is <= 0)
            {
                errors[$"limits.{field}"] = [$"{field} must be a positive integer (or null for the default)"];
            }
        }
    }
}
