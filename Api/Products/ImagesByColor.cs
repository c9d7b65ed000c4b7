namespace CatalogHub.Api.Products;

/// <summary>
/// Seed 004's <c>images_by_color</c>: images grouped by a key made from their color — lowercased, every space
/// replaced by an underscore ("Heather Grey" → "heather_grey"). Colors that give the same key share a group;
/// images without a color belong to no group (they are still in <c>images</c>). Groups and their images
/// keep the order of <c>images</c>.
/// </summary>
public static class ImagesByColor
{
    public static string Key(string color) => color.ToLowerInvariant().Replace(' ', '_');

    public static IReadOnlyDictionary<string, IReadOnlyList<ImageRead>> Group(IEnumerable<ImageRead> images)
    {
        var groups = new Dictionary<string, List<ImageRead>>(StringComparer.Ordinal);
        foreach (var image in images)
        {
            if (string.IsNullOrEmpty(image.Color))
            {
                continue;
            }

            var key = Key(image.Color);
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }

            list.Add(image);
        }

        return groups.ToDictionary(g => g.Key, g => (IReadOnlyList<ImageRead>)g.Value, StringComparer.Ordinal);
    }
}
