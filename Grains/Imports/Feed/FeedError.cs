namespace CatalogHub.Grains.Imports.Feed;

/// <summary>One validation error of a feed: where (<c>$[3].variants[0].price</c>, item 3 counted from 0) and what.</summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Imports.Feed.FeedError")]
public sealed record FeedError([property: Id(0)] string Path, [property: Id(1)] string Message);
