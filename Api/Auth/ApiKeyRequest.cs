namespace CatalogHub.Api.Auth;

/// <summary>Body of <c>POST /api/keys</c>.</summary>
public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Scopes, IReadOnlyList<string>? StoreNumbers);

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

        return errors;
    }
}
