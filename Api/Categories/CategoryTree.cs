namespace CatalogHub.Api.Categories;

/// <summary>Builds the nested tree from flat rows; each level is sorted by name, then id, so the order is stable.</summary>
public static class CategoryTree
{
    /// <summary>Sibling order: name ignoring case, then name, then id.</summary>
    public static readonly IComparer<CategoryRow> SiblingOrder = Comparer<CategoryRow>.Create((a, b) =>
    {
        var c = StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name);
        c = c != 0 ? c : StringComparer.Ordinal.Compare(a.Name, b.Name);
        return c != 0 ? c : a.Id.CompareTo(b.Id);
    });

    /// <summary>
    /// The trees rooted at the rows whose parent is not among <paramref name="rows"/>: the roots of the whole
    /// table, or the one category a subtree query started from.
    /// </summary>
    public static IReadOnlyList<CategoryNode> Build(IReadOnlyCollection<CategoryRow> rows)
    {
        var ids = rows.Select(r => r.Id).ToHashSet();
        var children = rows
            .Where(r => r.ParentId is { } p && ids.Contains(p))
            .ToLookup(r => r.ParentId!.Value);
        return Level(rows.Where(r => r.ParentId is not { } p || !ids.Contains(p)), children);
    }

    private static List<CategoryNode> Level(IEnumerable<CategoryRow> rows, ILookup<Guid, CategoryRow> children) =>
        [.. rows.Order(SiblingOrder).Select(r => new CategoryNode(r.Id, r.Name, r.ParentId, Level(children[r.Id], children)))];
}
