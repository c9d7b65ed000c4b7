namespace CatalogHub.Api.Stores;

/// <summary>A store: owner of the store catalog <c>store:{store_number}</c> that the ingestion API writes.</summary>
public sealed record StoreRead(long Id, string StoreNumber, string Name, bool Active, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A location of a store (inventory is kept per location); every store has one named after its number.</summary>
public sealed record LocationRead(long Id, string StoreNumber, string Name, bool Active, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Body of <c>POST /api/v1/admin/stores</c>; <c>active</c> defaults to true.</summary>
public sealed record CreateStoreRequest(string StoreNumber, string Name, bool? Active = null);

/// <summary>Body of <c>PATCH /api/v1/admin/stores/{store_number}</c>: the fields to change.</summary>
public sealed record UpdateStoreRequest(string? Name = null, bool? Active = null);

/// <summary>Body of <c>POST /api/v1/admin/stores/{store_number}/locations</c>; <c>active</c> defaults to true.</summary>
public sealed record CreateLocationRequest(string Name, bool? Active = null);

/// <summary>Body of <c>PATCH /api/v1/admin/stores/{store_number}/locations/{location_id}</c>: the fields to change.</summary>
public sealed record UpdateLocationRequest(string? Name = null, bool? Active = null);
