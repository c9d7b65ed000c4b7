namespace CatalogHub.Api.Validation;

/// <summary>The rule every display name follows (API keys, categories, customers): present, at most 200 characters once trimmed.</summary>
public static class NameRule
{
    public const int MaxLength = 200;

    /// <summary>Why <paramref name="name"/> is not acceptable, or null when it is.</summary>
    public static string? Problem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "name is required and must not be blank"
        : name.Trim().Length > MaxLength ? $"name must be at most {MaxLength} characters"
        : null;
}
