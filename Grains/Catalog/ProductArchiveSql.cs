using Npgsql;
using NpgsqlTypes;

namespace CatalogHub.Grains.Catalog;

/// <summary>
/// Archive and restore as one statement: a version-checked update of <c>archived_at</c> that applies only
/// when the state differs, and its outbox event hanging off the updated row, so a change and its event
/// commit together and "already so" or a stale version writes nothing.
/// </summary>
internal static class ProductArchiveSql
{
    public const string Change = """
        WITH p AS (
            UPDATE products SET archived_at = CASE WHEN $2 THEN $4 END, version = version + 1, updated_at = $4
            WHERE id = $1 AND version = $3 AND (archived_at IS NOT NULL) <> $2
            RETURNING id, number, version, catalog, key
        ), e AS (
            INSERT INTO outbox_events (id, catalog, aggregate_type, aggregate_id, aggregate_version, event_type,
                                       source_kind, source_ref, payload)
            SELECT $5, p.catalog, 'product', p.id, p.version, $6, $7, $8,
                   jsonb_build_object('product_id', p.id, 'product_number', p.number, 'version', p.version,
                                      'catalog', p.catalog, 'key', p.key)
            FROM p
        )
        SELECT version FROM p
        """;

    /// <summary>Read when <see cref="Change"/> wrote nothing, to tell "already so" from a stale version or a missing row.</summary>
    public const string State = "SELECT version, archived_at IS NOT NULL FROM products WHERE id = $1";

    public const string ArchivedEvent = "product.archived";
    public const string RestoredEvent = "product.restored";

    public static NpgsqlCommand ChangeCommand(NpgsqlDataSource dataSource, ProductArchive change)
    {
        var cmd = dataSource.CreateCommand(Change);
        cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = change.ProductId });                    // $1
        cmd.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = change.Archived });                     // $2
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = change.ExpectedVersion });               // $3
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = change.At });                 // $4
        cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = NameBasedGuid.ProductEvent(change.ProductId, change.ExpectedVersion + 1) }); // $5
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = change.Archived ? ArchivedEvent : RestoredEvent }); // $6
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = change.Source.Kind });                // $7
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)change.Source.Reference ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text }); // $8
        return cmd;
    }
}
