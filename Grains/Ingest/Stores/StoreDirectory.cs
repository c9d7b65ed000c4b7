using Npgsql;

namespace CatalogHub.Grains.Ingest.Stores;

/// <summary>A store and its locations by name.</summary>
public sealed record StoreInfo(long Id, string StoreNumber, bool Active, IReadOnlyDictionary<string, LocationInfo> LocationsByName);

/// <summary>A location of a store.</summary>
public sealed record LocationInfo(long Id, string Name, bool Active);

/// <summary>Looks up stores and their locations for resolving ingestion entries (one query per call).</summary>
public sealed class StoreDirectory(NpgsqlDataSource dataSource)
{
    private const string Sql = """
        SELECT s.id, s.store_number, s.active, l.id, l.name, l.active
        FROM stores s LEFT JOIN store_locations l ON l.store_id = s.id
        WHERE s.store_number = ANY ($1)
        """;

    public async Task<IReadOnlyDictionary<string, StoreInfo>> FindAsync(IReadOnlyCollection<string> storeNumbers, CancellationToken ct)
    {
        var stores = new Dictionary<string, (long Id, bool Active, Dictionary<string, LocationInfo> Locations)>(StringComparer.Ordinal);
        await using var cmd = dataSource.CreateCommand(Sql);
        cmd.Parameters.AddWithValue(storeNumbers.Distinct().ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var number = reader.GetString(1);
            if (!stores.TryGetValue(number, out var store))
            {
                store = stores[number] = (reader.GetInt64(0), reader.GetBoolean(2), new Dictionary<string, LocationInfo>(StringComparer.Ordinal));
            }

            if (!reader.IsDBNull(3))
            {
                store.Locations[reader.GetString(4)] = new LocationInfo(reader.GetInt64(3), reader.GetString(4), reader.GetBoolean(5));
            }
        }

        return stores.ToDictionary(s => s.Key, s => new StoreInfo(s.Value.Id, s.Key, s.Value.Active, s.Value.Locations), StringComparer.Ordinal);
    }
}
