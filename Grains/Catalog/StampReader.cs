using Npgsql;

namespace CatalogHub.Grains.Catalog;

/// <summary>Loads product stamps (identity, version, content hash) for activating product grains, group-read.</summary>
public sealed class StampReader(NpgsqlDataSource dataSource) : GroupReader<ProductStamp>
{
    private const string Sql = """
        SELECT k.i, p.id, p.number, p.version, p.content_hash
        FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(catalog, key, i)
        JOIN products p ON p.catalog = k.catalog AND p.key = k.key
        """;

    protected override async Task<ProductStamp?[]> ReadAsync(IReadOnlyList<ProductKey> keys)
    {
        var found = new ProductStamp?[keys.Count];
        await using var cmd = dataSource.CreateCommand(Sql);
        cmd.Parameters.AddWithValue(keys.Select(k => k.Catalog).ToArray());
        cmd.Parameters.AddWithValue(keys.Select(k => k.Key).ToArray());
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found[reader.GetInt64(0) - 1] = new ProductStamp(
                reader.GetGuid(1), reader.GetInt64(2), reader.GetInt32(3), Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(4)));
        }

        return found;
    }
}
