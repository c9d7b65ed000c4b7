using Npgsql;

namespace CatalogHub.Grains.Ingest.Stores;

/// <summary>
/// Resolves the stores (and their locations) a batch of ingestion entries names, in one query per call. Nothing
/// is cached: a store or location activated or deactivated through the admin API counts from the next batch on.
/// </summary>
public sealed class StoreDirectory(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The existing stores among <paramref name="storeNumbers"/> (compared exactly), keyed by store number
    /// (ordinal); unknown numbers are absent. Inactive stores and locations are returned with <c>Active</c> false.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, StoreInfo>> FindAsync(IReadOnlyCollection<string> storeNumbers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(storeNumbers);
        var found = new Dictionary<string, StoreInfo>(StringComparer.Ordinal);
        if (storeNumbers.Count == 0)
        {
            return found;
        }

        await using var cmd = dataSource.CreateCommand("""
            SELECT s.id, s.store_number, s.active, l.id, l.name, l.active
            FROM stores s LEFT JOIN store_locations l ON l.store_id = s.id
            WHERE s.store_number = ANY($1)
            ORDER BY s.id, l.id
            """);
        cmd.Parameters.AddWithValue(storeNumbers.Distinct(StringComparer.Ordinal).ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var locations = new Dictionary<string, Dictionary<string, LocationInfo>>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            var storeNumber = reader.GetString(1);
            if (!locations.TryGetValue(storeNumber, out var byName))
            {
                byName = new Dictionary<string, LocationInfo>(StringComparer.Ordinal);
                locations[storeNumber] = byName;
                found[storeNumber] = new StoreInfo(reader.GetInt64(0), storeNumber, reader.GetBoolean(2), byName);
            }

            if (!reader.IsDBNull(3))
            {
                var name = reader.GetString(4);
                byName[name] = new LocationInfo(reader.GetInt64(3), name, reader.GetBoolean(5));
            }
        }

        return found;
    }
}
