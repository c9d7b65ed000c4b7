using CatalogHub.Api.Categories;

namespace CatalogHub.Api.Console;

/// <summary>A category tree as the options of a select: depth-first, each name indented by its depth. Pure.</summary>
public static class CategoryChoices
{
    public static IReadOnlyList<(Guid Id, string Label)> Flatten(IEnumerable<CategoryNode> roots)
    {
        var choices = new List<(Guid, string)>();
        void Add(CategoryNode node, int depth)
        {
            choices.Add((node.Id, new string('\u00a0', depth * 3) + node.Name));
            foreach (var child in node.Children)
            {
                Add(child, depth + 1);
            }
        }

        foreach (var root in roots)
        {
            Add(root, 0);
        }

        return choices;
    }
}
