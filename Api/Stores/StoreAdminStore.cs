using Npgsql;
using NpgsqlTypes;

namespace CatalogHub.Api.Stores;

/// <summary>Why a location write did or did not happen.</summary>
public enum LocationOutcome
{
    Done = 0,
    StoreNotFound = 1,
    NotFound = 2,
    Duplicate = 3,
    DefaultRenamed = 4,
}

/// <summary>The outcome of a location write, and the location after it when <see cref="LocationOutcome.Done"/>.</summary>
public sealed record LocationWriteResult(LocationOutcome Outcome, LocationRead? Location = null);

/// <summary>
/// The <c>stores</c> and <c>store_locations</c> tables for the admin API. Uniqueness (store numbers; location
/// names within a store) is the tables' constraints, so concurrent creates on two silos cannot both win.
/// </summary>
public sealed class StoreAdminStore(NpgsqlDataSource dataSource)
{
    private const string StoreColumns = "id, store_number, name, active, created_at, updated_at";

    /// <summary>Creates a store and its default location (named after the store number) in one statement; null when the number exists.</summary>
    public async Task<StoreRead?> CreateAsync(CreateStoreRequest request, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            WITH s AS (
                INSERT INTO stores (store_number, name, active) VALUES ($1, $2, $3)
                ON CONFLICT (store_number) DO NOTHING
                RETURNING {StoreColumns}),
            l AS (INSERT INTO store_locations (store_id, name) SELECT id, store_number FROM s)
            SELECT {StoreColumns} FROM s
            """);
        cmd.Parameters.AddWithValue(request.StoreNumber);
        cmd.Parameters.AddWithValue(request.Name);
        cmd.Parameters.AddWithValue(request.Active ?? true);
        return await ReadStoreAsync(cmd, ct);
    }

    /// <summary>Stores by number (byte order), optionally only active or inactive ones, optionally only <paramref name="only"/>.</summary>
    public async Task<IReadOnlyList<StoreRead>> ListAsync(bool? active, IReadOnlyList<string>? only, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT {StoreColumns} FROM stores
            WHERE ($1::boolean IS NULL OR active = $1) AND ($2::text[] IS NULL OR store_number = ANY($2))
            ORDER BY store_number COLLATE "C"
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)active ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Boolean });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)only?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var stores = new List<StoreRead>();
        while (await reader.ReadAsync(ct))
        {
            stores.Add(Store(reader));
        }

        return stores;
    }

    /// <summary>One store, or null.</summary>
    public async Task<StoreRead?> GetAsync(string storeNumber, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {StoreColumns} FROM stores WHERE store_number = $1");
        cmd.Parameters.AddWithValue(storeNumber);
        return await ReadStoreAsync(cmd, ct);
    }

    /// <summary>Changes the fields given; <c>updated_at</c> moves only when something changed. Null when the store does not exist.</summary>
    public async Task<StoreRead?> UpdateAsync(string storeNumber, UpdateStoreRequest request, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            UPDATE stores
            SET name = coalesce($2, name),
                active = coalesce($3, active),
                updated_at = CASE WHEN (name, active) IS DISTINCT FROM (coalesce($2, name), coalesce($3, active)) THEN now() ELSE updated_at END
            WHERE store_number = $1
            RETURNING {StoreColumns}
            """);
        cmd.Parameters.AddWithValue(storeNumber);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)request.Name ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)request.Active ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Boolean });
        return await ReadStoreAsync(cmd, ct);
    }

    /// <summary>Adds a location to a store.</summary>
    public async Task<LocationWriteResult> CreateLocationAsync(string storeNumber, CreateLocationRequest request, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            WITH s AS (SELECT id, store_number FROM stores WHERE store_number = $1),
            l AS (
                INSERT INTO store_locations (store_id, name, active) SELECT id, $2, $3 FROM s
                ON CONFLICT (store_id, name) DO NOTHING
                RETURNING id, name, active, created_at, updated_at)
            SELECT l.id, s.store_number, l.name, l.active, l.created_at, l.updated_at, s.id IS NOT NULL
            FROM (SELECT 1) one LEFT JOIN s ON true LEFT JOIN l ON true
            """);
        cmd.Parameters.AddWithValue(storeNumber);
        cmd.Parameters.AddWithValue(request.Name);
        cmd.Parameters.AddWithValue(request.Active ?? true);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return !reader.GetBoolean(6) ? new LocationWriteResult(LocationOutcome.StoreNotFound)
            : reader.IsDBNull(0) ? new LocationWriteResult(LocationOutcome.Duplicate)
            : new LocationWriteResult(LocationOutcome.Done, Location(reader));
    }

    /// <summary>A store's locations in creation order (its default location first), or null when the store does not exist.</summary>
    public async Task<IReadOnlyList<LocationRead>?> ListLocationsAsync(string storeNumber, bool? active, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT l.id, s.store_number, l.name, l.active, l.created_at, l.updated_at
            FROM stores s LEFT JOIN store_locations l ON l.store_id = s.id AND ($2::boolean IS NULL OR l.active = $2)
            WHERE s.store_number = $1
            ORDER BY l.id
            """);
        cmd.Parameters.AddWithValue(storeNumber);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)active ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Boolean });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        List<LocationRead>? locations = null;
        while (await reader.ReadAsync(ct))
        {
            locations ??= [];
            if (!reader.IsDBNull(0))
            {
                locations.Add(Location(reader));
            }
        }

        return locations;
    }

    /// <summary>
    /// Renames and/or (de)activates a location. The default location (named after the store number) keeps its
    /// name: inventory entries without a location name resolve to it.
    /// </summary>
    public async Task<LocationWriteResult> UpdateLocationAsync(string storeNumber, long locationId, UpdateLocationRequest request, CancellationToken ct = default)
    {
        // One statement decides (the default-name rule included), so a concurrent rename cannot slip between a
        // check and the write; only when it changes nothing does a second query say why.
        await using var update = dataSource.CreateCommand("""
            UPDATE store_locations l
            SET name = coalesce($3, l.name),
                active = coalesce($4, l.active),
                updated_at = CASE WHEN (l.name, l.active) IS DISTINCT FROM (coalesce($3, l.name), coalesce($4, l.active)) THEN now() ELSE l.updated_at END
            FROM stores s
            WHERE l.id = $2 AND s.id = l.store_id AND s.store_number = $1
              AND NOT (l.name = s.store_number AND coalesce($3, l.name) <> l.name)
            RETURNING l.id, s.store_number, l.name, l.active, l.created_at, l.updated_at
            """);
        update.Parameters.AddWithValue(storeNumber);
        update.Parameters.AddWithValue(locationId);
        update.Parameters.Add(new NpgsqlParameter { Value = (object?)request.Name ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        update.Parameters.Add(new NpgsqlParameter { Value = (object?)request.Active ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Boolean });
        try
        {
            await using var reader = await update.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                return new LocationWriteResult(LocationOutcome.Done, Location(reader));
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return new LocationWriteResult(LocationOutcome.Duplicate);
        }

        await using var why = dataSource.CreateCommand("""
            SELECT s.id IS NOT NULL, l.id IS NOT NULL
            FROM (SELECT 1) one
            LEFT JOIN stores s ON s.store_number = $1
            LEFT JOIN store_locations l ON l.store_id = s.id AND l.id = $2
            """);
        why.Parameters.AddWithValue(storeNumber);
        why.Parameters.AddWithValue(locationId);
        await using var row = await why.ExecuteReaderAsync(ct);
        await row.ReadAsync(ct);
        return new LocationWriteResult(
            !row.GetBoolean(0) ? LocationOutcome.StoreNotFound : !row.GetBoolean(1) ? LocationOutcome.NotFound : LocationOutcome.DefaultRenamed);
    }

    private static async Task<StoreRead?> ReadStoreAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Store(reader) : null;
    }

    private static StoreRead Store(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetBoolean(3),
        reader.GetFieldValue<DateTimeOffset>(4),
        reader.GetFieldValue<DateTimeOffset>(5));

    private static LocationRead Location(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetBoolean(3),
        reader.GetFieldValue<DateTimeOffset>(4),
        reader.GetFieldValue<DateTimeOffset>(5));
}
