using CatalogHub.Grains.Catalog;

namespace CatalogHub.Grains.Ingest.Entries;

/// <summary>Seed 002's "product options auto-populated from variant values".</summary>
public static class ProductOptionsBuilder
{
    /// <summary>
    /// One select option per option name of <paramref name="variants"/> (names compared case-insensitively), in the
    /// order first seen: key the lowercased name, title the name as first seen, attributes the distinct values
    /// (case-sensitive) in the order first seen.
    /// </summary>
    public static IReadOnlyList<ProductOption> From(IEnumerable<CanonicalVariant> variants)
    {
        var names = new List<string>();
        var values = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var option in variants.SelectMany(v => v.OptionValues))
        {
            if (!values.TryGetValue(option.Name, out var seen))
            {
                names.Add(option.Name);
                values[option.Name] = seen = [];
            }

            if (!seen.Contains(option.Value, StringComparer.Ordinal))
            {
                seen.Add(option.Value);
            }
        }

        return [.. names.Select((name, i) => new ProductOption
        {
            OptionKey = name.ToLowerInvariant(),
            Title = name,
            OptionsType = "select",
            SortOrder = i,
            Attributes = [.. values[name].Select((value, j) => new OptionAttribute { Title = value, SortOrder = j })],
        })];
    }
}
