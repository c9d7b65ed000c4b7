namespace CatalogHub.Api.Categories;

/// <summary>
/// The materialized path of a category: an ltree of the ids from the root to the category, each id as its
/// 32 hex digits (ltree labels allow letters, digits and '_'; hyphens are not allowed).
/// </summary>
public static class CategoryPath
{
    /// <summary>The ltree label of <paramref name="id"/>.</summary>
    public static string Label(Guid id) => id.ToString("N");

    /// <summary>The path of <paramref name="id"/> under a parent with <paramref name="parentPath"/> (null or empty: a root).</summary>
    public static string Of(string? parentPath, Guid id) =>
        string.IsNullOrEmpty(parentPath) ? Label(id) : $"{parentPath}.{Label(id)}";

    /// <summary>True when <paramref name="path"/> is <paramref name="ancestorPath"/> or lies below it (ltree's <c>&lt;@</c>).</summary>
    public static bool IsWithin(string path, string ancestorPath) =>
        path == ancestorPath || path.StartsWith(ancestorPath + ".", StringComparison.Ordinal);

    /// <summary>The ids along <paramref name="path"/>, root first.</summary>
    public static IReadOnlyList<Guid> Ids(string path) =>
        [.. path.Split('.').Select(label => Guid.ParseExact(label, "N"))];
}
