using CatalogHub.Grains.Catalog;
using Npgsql;

namespace CatalogHub.Grains.Ingest;

/// <summary>
/// What an ingestion product grain needs before deciding whether to read the whole product: its number and version,
/// the digest of the entry that last wrote it and the version that write made, and its variants' numbers in position
/// order. Group-read like the stamps; one narrow row per product.
/// </summary>
public sealed class EntryStampReader(NpgsqlDataSource dataSource) : GroupReader<EntryStamp>
{
    private const string Sql = """
        SELECT k.i, p.number, p.version, p.entry_hash, p.entry_version,
               ARRAY(SELECT v.number FROM variants v WHERE v.product_id = p.id ORDER BY v.position)
        FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(catalog, key, i)
        JOIN products p ON p.catalog = k.catalog AND p.key = k.key
        """;

    protected override Task<EntryStamp?[]> ReadAsync(IReadOnlyList<ProductKey> keys) => ReadByKeysAsync(dataSource, Sql, keys, reader =>
        new EntryStamp(
            reader.GetInt64(1),
            reader.GetInt32(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<byte[]>(3),
            reader.IsDBNull(4) ? null : reader.GetInt32(4),
            reader.GetFieldValue<long[]>(5)));
}

/// <summary>A product's number and version, the last entry's digest and version, its variants' numbers.</summary>
public sealed record EntryStamp(long ProductNumber, int Version, byte[]? EntryHash, int? EntryVersion, IReadOnlyList<long> VariantNumbers)
{
    /// <summary>Whether the entry of <paramref name="digest"/> made the product's latest version.</summary>
    public bool WrittenBy(byte[] digest) => EntryVersion == Version && EntryHash is { } hash && hash.AsSpan().SequenceEqual(digest);
}
