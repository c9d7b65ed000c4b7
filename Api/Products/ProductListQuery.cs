using System.Globalization;
using System.Text;

namespace CatalogHub.Api.Products;

/// <summary>
/// A parsed, valid product list query. Rules: an absent or empty value means "not given"; UUIDs in any form
/// <see cref="Guid.TryParse(string?, out Guid)"/> accepts; booleans are <c>true|false|1|0</c> in any case;
/// <c>skip</c> and <c>limit</c> are integers ≥ 0, <c>limit</c> defaults to 50 and is capped at 1000;
/// <c>q</c> is trimmed, at most 200 characters, without control characters (they separate the searched fields).
/// </summary>
public sealed record ProductListQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 1000;
    public const int MaxQueryLength = 200;

    public Guid? SupplierId { get; init; }
    public Guid? CategoryId { get; init; }
    public Guid? CustomerId { get; init; }
    public string? Brand { get; init; }
    public string? Q { get; init; }
    public bool Archived { get; init; }
    public string? StoreNumber { get; init; }
    public bool? Discontinued { get; init; }
    public int Skip { get; init; }
    public int Limit { get; init; } = DefaultLimit;

    /// <summary>The ILIKE pattern for <see cref="Q"/>: the text with <c>\ % _</c> escaped, between wildcards.</summary>
    public string? QPattern => Q is null ? null : $"%{EscapeLike(Q)}%";

    /// <summary>Parses <paramref name="raw"/>; on failure <paramref name="errors"/> names every wrong field.</summary>
    public static bool TryParse(ProductListParameters raw, out ProductListQuery query, out Dictionary<string, string[]> errors)
    {
        var found = new Dictionary<string, string[]>(StringComparer.Ordinal);
        query = new ProductListQuery
        {
            SupplierId = Uuid(raw.SupplierId, "supplier_id", found),
            CategoryId = Uuid(raw.CategoryId, "category_id", found),
            CustomerId = Uuid(raw.CustomerId, "customer_id", found),
            Brand = Given(raw.Brand),
            Q = Search(raw.Q, found),
            Archived = Bool(raw.Archived, "archived", found) ?? false,
            StoreNumber = Given(raw.StoreNumber),
            Discontinued = Bool(raw.Discontinued, "discontinued", found),
            Skip = Count(raw.Skip, "skip", found) ?? 0,
            Limit = Math.Min(Count(raw.Limit, "limit", found) ?? DefaultLimit, MaxLimit),
        };
        errors = found;
        return found.Count == 0;
    }

    /// <summary>Escapes the characters LIKE treats specially (backslash is its default escape).</summary>
    public static string EscapeLike(string text)
    {
        var sb = new StringBuilder(text.Length + 4);
        foreach (var c in text)
        {
            if (c is '\\' or '%' or '_')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static string? Given(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static Guid? Uuid(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (Given(value) is not { } text)
        {
            return null;
        }

        if (Guid.TryParse(text, out var id))
        {
            return id;
        }

        errors[field] = [$"'{text}' is not a valid UUID."];
        return null;
    }

    private static bool? Bool(string? value, string field, Dictionary<string, string[]> errors)
    {
        switch (Given(value)?.ToLowerInvariant())
        {
            case null:
                return null;
            case "true" or "1":
                return true;
            case "false" or "0":
                return false;
            default:
                errors[field] = [$"'{value}' is not a boolean (true or false)."];
                return null;
        }
    }

    private static int? Count(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (Given(value) is not { } text)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            errors[field] = [$"'{text}' is not an integer."];
            return null;
        }

        if (n < 0)
        {
            errors[field] = ["Must be 0 or more."];
            return null;
        }

        return n;
    }

    private static string? Search(string? value, Dictionary<string, string[]> errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > MaxQueryLength)
        {
            errors["q"] = [$"At most {MaxQueryLength} characters."];
            return null;
        }

        if (text.Any(char.IsControl))
        {
            errors["q"] = ["Must not contain control characters."];
            return null;
        }

        return text;
    }
}
