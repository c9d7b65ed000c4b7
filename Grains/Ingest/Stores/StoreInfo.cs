namespace CatalogHub.Grains.Ingest.Stores;

/// <summary>A store as ingestion resolves it, with all its locations (active or not).</summary>
/// <param name="Id">The store's 64-bit id.</param>
/// <param name="StoreNumber">The store number, exactly as stored.</param>
/// <param name="Active">Inactive stores fail their entries with a resolution error.</param>
/// <param name="LocationsByName">
/// The store's locations by name, compared ordinally (case-sensitive, no trimming): the name the table's
/// uniqueness is about. The default location is the one whose name equals <see cref="StoreNumber"/>.
/// </param>
public sealed record StoreInfo(long Id, string StoreNumber, bool Active, IReadOnlyDictionary<string, LocationInfo> LocationsByName);
