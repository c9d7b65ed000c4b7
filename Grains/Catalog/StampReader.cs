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

    protected override Task<ProductStamp?[]> ReadAsync(IReadOnlyList<ProductKey> keys) => ReadByKeysAsync(dataSource, Sql, keys, reader =>
        new ProductStamp(reader.GetGuid(1), reader.GetInt64(2), reader.GetInt32(3), Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(4))));
}
