using CatalogHub.Grains.Imports;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CatalogHub.Api.Imports;

/// <summary>
/// Stores a feed import durably before anything is answered about it: the row and its body, in parts of 1 MiB read
/// straight from the request (never held whole), in one transaction that gives the import its queue position (seq)
/// as it commits. A client gone mid-body or a body over the limit leaves nothing behind.
/// </summary>
public sealed class ImportReceiver(NpgsqlDataSource dataSource, [FromKeyedServices(ImportOptions.ClockKey)] TimeProvider clock)
{
    public const int PartBytes = 1 << 20;

    /// <summary>
    /// The new import's id, or null when the body is larger than <paramref name="maxBytes"/>. <paramref name="callbackUrl"/>:
    /// where it reports its end, signed with <paramref name="apiKeyId"/>'s callback secret.
    /// </summary>
    public async Task<long?> StoreAsync(ImportRequest request, Guid? apiKeyId, string? callbackUrl, Stream body, long maxBytes, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        long id;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO feed_imports (catalog, type, name, force, validation_only, api_key_id, format, gzip, status, received_at, callback_url)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'RECEIVING', $9, $10) RETURNING id
            """, conn, tx))
        {
            insert.Parameters.AddWithValue(request.Catalog);
            insert.Parameters.AddWithValue(ImportTypes.Name(request.Type));
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)request.Name ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            insert.Parameters.AddWithValue(request.Force);
            insert.Parameters.AddWithValue(request.ValidationOnly);
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)apiKeyId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
            insert.Parameters.AddWithValue(request.Format);
            insert.Parameters.AddWithValue(request.Gzip);
            insert.Parameters.AddWithValue(clock.GetUtcNow());
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)callbackUrl ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            id = (long)(await insert.ExecuteScalarAsync(ct))!;
        }

        var buffer = new byte[PartBytes];
        long total = 0;
        for (var part = 0; ; part++)
        {
            var filled = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            total += filled;
            if (total > maxBytes)
            {
                return null;
            }

            if (filled > 0)
            {
                await using var store = new NpgsqlCommand("INSERT INTO feed_import_parts (import_id, part, data) VALUES ($1, $2, $3)", conn, tx);
                store.Parameters.AddWithValue(id);
                store.Parameters.AddWithValue(part);
                store.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = buffer.AsMemory(0, filled), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea });
                await store.ExecuteNonQueryAsync(ct);
            }

            if (filled < buffer.Length)
            {
                break;
            }
        }

        await using (var queue = new NpgsqlCommand(
            "UPDATE feed_imports SET status = 'WAITING', seq = nextval('feed_import_seq'), body_bytes = $2 WHERE id = $1", conn, tx))
        {
            queue.Parameters.AddWithValue(id);
            queue.Parameters.AddWithValue(total);
            await queue.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return id;
    }
}
