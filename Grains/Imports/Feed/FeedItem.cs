using CatalogHub.Grains.Catalog;

namespace CatalogHub.Grains.Imports.Feed;

/// <summary>One item of a feed (a JSON array element or an NDJSON line), <see cref="Index"/> counted from 0.</summary>
public abstract record FeedItem(int Index, string Key)
{
    public string Path => $"$[{Index}]";
}

/// <summary>A complete product (full and partial imports): it replaces the product's whole content.</summary>
public sealed record FeedProduct(int Index, string Key, CanonicalProduct Product, IReadOnlyList<FeedAttribute> Attributes) : FeedItem(Index, Key);

/// <summary>A product to remove (partial imports): it is archived, never deleted.</summary>
public sealed record FeedRemoval(int Index, string Key) : FeedItem(Index, Key);

/// <summary>
/// Changes of single attributes of a product, or of its variant <see cref="Sku"/> (attributes imports): the fields of
/// <see cref="Set"/> and the custom attributes (a null value removes one).
/// </summary>
public sealed record FeedModification(int Index, string Key, string? Sku, FeedChanges Set, IReadOnlyList<FeedAttribute> Attributes) : FeedItem(Index, Key);

/// <summary>The standard fields an attributes import may set; null: not set.</summary>
public sealed record FeedChanges
{
    public string? Name { get; init; }
    public string? Brand { get; init; }
    public string? Description { get; init; }
    public decimal? Price { get; init; }
    public decimal? CompareAtPrice { get; init; }
    public decimal? Cost { get; init; }
    public long? Stock { get; init; }
    public string? Barcode { get; init; }
}

/// <summary>An advanced custom attribute <c>{id, name, value}</c>, with where it stood in the feed.</summary>
public sealed record FeedAttribute(string Id, string Name, string? Value, string Path)
{
    /// <summary>The metafield a product or variant keeps the value under; the name lives in <c>catalog_attributes</c>.</summary>
    public string Metafield => MetafieldPrefix + Id;

    public const string MetafieldPrefix = "custom_attributes.";
}
