namespace CatalogHub.Grains.Ingest.Stores;

/// <summary>A store location as ingestion resolves it (<c>store_locations</c>).</summary>
/// <param name="Id">The location's 64-bit id.</param>
/// <param name="Name">Its name exactly as stored.</param>
/// <param name="Active">Inactive locations fail inventory entries with a resolution error.</param>
public sealed record LocationInfo(long Id, string Name, bool Active);
