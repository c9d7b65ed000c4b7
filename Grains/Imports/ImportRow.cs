using CatalogHub.Grains.Imports.Feed;

namespace CatalogHub.Grains.Imports;

/// <summary>What the queue needs of one stored import to run it.</summary>
public sealed record ImportRow(long Id, string Catalog, ImportType Type, bool Force, FeedFormat Format, bool Gzip, string Status, int Attempts);

/// <summary>What an import did to its catalog (seed 003's summary).</summary>
public sealed record ImportSummary(int Created, int Updated, int Unchanged, int Archived);
