using System.Text.Json;
using CatalogHub.Grains.Catalog;

namespace CatalogHub.Grains.Imports.Feed;

/// <summary>
/// The whole-feed checks of one import, fed item by item: each item's own rules (<see cref="FeedItemMapper"/>,
/// <see cref="ProductRules"/>), a key at most once (full and partial), and one name per custom attribute id within the
/// import. Keeps the keys and the attribute names (small), never the items. Pure: no database.
/// </summary>
public sealed class FeedValidator(ImportType type, string catalog, int maxErrors)
{
    private readonly Dictionary<string, int> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FeedAttribute> _names = new(StringComparer.Ordinal);
    private readonly List<FeedError> _errors = [];
    private readonly List<string> _removals = [];

    public ImportType Type => type;

    /// <summary>The first <c>maxErrors</c> errors, in feed order.</summary>
    public IReadOnlyList<FeedError> Errors => _errors;

    /// <summary>How many errors there are in all (more than <see cref="Errors"/> holds when over the cap).</summary>
    public int ErrorCount { get; private set; }

    public bool IsValid => ErrorCount == 0;

    public int Items { get; private set; }

    /// <summary>The keys of products and removals, in feed order (full and partial imports).</summary>
    public IEnumerable<string> Keys => _keys.Keys;

    public IReadOnlyList<string> Removals => _removals;

    /// <summary>Each custom attribute id of the import with its one name: the catalog's names after the import.</summary>
    public IReadOnlyDictionary<string, string> AttributeNames => _names.ToDictionary(kv => kv.Key, kv => kv.Value.Name, StringComparer.Ordinal);

    /// <summary>Checks one item; the item when it is valid so far, else null.</summary>
    public FeedItem? Add(int index, JsonElement element)
    {
        Items = index + 1;
        var errors = new List<FeedError>();
        var item = FeedItemMapper.Map(element, index, type, catalog, errors);
        if (item is FeedProduct p)
        {
            errors.AddRange(ProductRules.Check(p.Product).Select(m => new FeedError(p.Path, m)));
        }

        if (item is not null && type != ImportType.Attributes && !_keys.TryAdd(item.Key, index))
        {
            errors.Add(new FeedError(item.Path, $"key '{item.Key}' appears twice (first at $[{_keys[item.Key]}])"));
        }

        if (item is FeedRemoval r)
        {
            _removals.Add(r.Key);
        }

        foreach (var a in (item as FeedProduct)?.Attributes ?? (item as FeedModification)?.Attributes ?? [])
        {
            if (!_names.TryAdd(a.Id, a) && _names[a.Id].Name != a.Name)
            {
                errors.Add(new FeedError(a.Path, $"attribute '{a.Id}' is named '{a.Name}' here but '{_names[a.Id].Name}' at {_names[a.Id].Path}; an id has one name within an import"));
            }
        }

        foreach (var e in errors)
        {
            Fail(e);
        }

        return errors.Count == 0 ? item : null;
    }

    /// <summary>Adds an error found outside the item rules (a broken body, an unknown target).</summary>
    public void Fail(FeedError error)
    {
        ErrorCount++;
        if (_errors.Count < maxErrors)
        {
            _errors.Add(error);
        }
    }

    /// <summary>The FAILURE reason of an invalid feed.</summary>
    public string Reason() => ErrorCount == 1
        ? "The feed has 1 validation error; nothing was applied."
        : ErrorCount <= _errors.Count
            ? $"The feed has {ErrorCount} validation errors; nothing was applied."
            : $"The feed has {ErrorCount} validation errors (the first {_errors.Count} are listed); nothing was applied.";
}
