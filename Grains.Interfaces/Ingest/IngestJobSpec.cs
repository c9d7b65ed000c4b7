namespace CatalogHub.Grains.Ingest;

/// <summary>The four ingestion endpoints (seed 002), one job kind each.</summary>
[GenerateSerializer, Alias("CatalogHub.Grains.Ingest.IngestKind")]
public enum IngestKind
{
    Products = 0,
    Pos = 1,
    Inventory = 2,
    Prices = 3,
}

/// <summary>
/// What an ingestion job applies: the kind, the store of the path (null for prices), the options and the number
/// of entries, and the stores the submitting key is restricted to (null: any). The entries themselves are the request body (stored for async jobs, so they survive a crash).
/// </summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Ingest.IngestJobSpec")]
public sealed record IngestJobSpec(
    [property: Id(0)] IngestKind Kind,
    [property: Id(1)] string? StoreNumber,
    [property: Id(2)] int Total,
    [property: Id(3)] bool ValidateOnly = false,
    [property: Id(4)] bool ForceSync = false,
    [property: Id(5)] bool InitialInventory = false,
    [property: Id(6)] IReadOnlyList<string>? AllowedStores = null)
{
    /// <summary>Whether the API key that submitted the job may write to <paramref name="storeNumber"/>.</summary>
    public bool Allows(string storeNumber) => AllowedStores is null || AllowedStores.Contains(storeNumber, StringComparer.Ordinal);
}
