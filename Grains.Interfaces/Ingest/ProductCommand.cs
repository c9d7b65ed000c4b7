using CatalogHub.Grains.Catalog;

namespace CatalogHub.Grains.Ingest;

/// <summary>
/// One change an ingestion entry asks of one product, applied by its <see cref="IProductGrain"/> (the single
/// writer, so changes to one product apply in entry order). <see cref="Row"/> is the entry's 1-based position in
/// its request.
/// </summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Ingest.ProductCommand")]
public abstract record ProductCommand
{
    [Id(0)] public required int Row { get; init; }
}

/// <summary>
/// A products or POS entry: the product as the entry describes it. What the entry does not own is kept from the
/// stored product: inventory and its levels, price history (a price change appends to it), price type.
/// </summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Ingest.PutProduct")]
public sealed record PutProduct : ProductCommand
{
    [Id(0)] public required CanonicalProduct Product { get; init; }

    /// <summary>
    /// The digest of the entry this command was made from (its kind, store, data; null when not made from an entry):
    /// stored with the product it writes, so the same entry again is known unchanged from the product row.
    /// </summary>
    [Id(1)] public byte[]? Digest { get; init; }
}

/// <summary>
/// An inventory entry for one variant at one location. <see cref="SetAvailable"/> (mode <c>initial</c>) sets
/// available to <see cref="Available"/>; otherwise (mode <c>delta</c>) adds it. <see cref="Incoming"/> is always
/// added (seed 002: on_order is an adjustment in both modes).
/// </summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Ingest.AdjustInventory")]
public sealed record AdjustInventory : ProductCommand
{
    [Id(0)] public required string Sku { get; init; }

    /// <summary>The resolved location's name.</summary>
    [Id(1)] public required string Location { get; init; }

    [Id(2)] public bool SetAvailable { get; init; }

    [Id(3)] public long Available { get; init; }

    [Id(4)] public long Incoming { get; init; }
}

/// <summary>A price entry for one variant: the new price and its type (R, S, C or CS).</summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Ingest.SetPrice")]
public sealed record SetPrice : ProductCommand
{
    [Id(0)] public required string Sku { get; init; }

    [Id(1)] public required decimal Price { get; init; }

    [Id(2)] public required string PriceType { get; init; }
}
