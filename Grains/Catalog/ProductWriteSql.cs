using Npgsql;
using NpgsqlTypes;

namespace CatalogHub.Grains.Catalog;

/// <summary>
/// The one write that is not set-based: an outbox event for an unchanged product (seed 002's <c>force_sync</c>), rare
/// enough to be a statement of its own. Its result row has the shape of <see cref="ProductBatchSql.Write"/>'s.
/// </summary>
internal static class ProductWriteSql
{
    /// <summary>
    /// An outbox event for an unchanged product at the version the writer read: one row (ordinal 0, the number and
    /// version — null when the version moved —, true, the variants' numbers in position order).
    /// </summary>
    public const string EventOnly = """
        WITH p AS (
            SELECT id, number, version, catalog, key FROM products WHERE id = $1 AND version = $2
        ), e AS (
            INSERT INTO outbox_events (id, catalog, aggregate_type, aggregate_id, aggregate_version, event_type,
                                       source_kind, source_ref, payload)
            SELECT $3, p.catalog, 'product', p.id, p.version, 'product.updated', $4, $5,
                   jsonb_build_object('product_id', p.id, 'product_number', p.number, 'version', p.version,
                                      'catalog', p.catalog, 'key', p.key, 'forced', true)
            FROM p
            ON CONFLICT (id) DO NOTHING
        )
        SELECT 0::bigint, p.number, p.version, true,
               (SELECT array_agg(v.number ORDER BY v.position) FROM variants v WHERE v.product_id = p.id)
        FROM (SELECT 1) one LEFT JOIN p ON true
        """;

    public static NpgsqlBatchCommand EventOnlyCommand(ProductWrite write)
    {
        var version = write.ExpectedVersion ?? throw new InvalidOperationException("An event-only write needs the product's version.");
        var cmd = new NpgsqlBatchCommand(EventOnly);
        cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = write.Content.ProductId });                            // $1
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = version });                                             // $2
        cmd.Parameters.Add(new NpgsqlParameter<Guid>
        {
            TypedValue = NameBasedGuid.Create(write.Content.ProductId, $"event\n{version}\n{write.Source.Kind}\n{write.Source.Reference}"),
        });                                                                                                                 // $3
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = write.Source.Kind });                               // $4
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)write.Source.Reference ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text }); // $5
        return cmd;
    }
}
