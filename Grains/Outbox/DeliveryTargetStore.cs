using System.Text.Json;
using Npgsql;

namespace CatalogHub.Grains.Outbox;

/// <summary>Reads how a target receives its events, with its secret decrypted.</summary>
public sealed class DeliveryTargetStore(NpgsqlDataSource dataSource, ITargetSecrets secrets)
{
    private const string Configured = """
        SELECT kind, url, shop_domain, api_version, secret, location_ids::text FROM delivery_targets
        WHERE id = $1 AND disabled_at IS NULL
        """;

    private const string CallbackSecret = "SELECT callback_secret FROM api_keys WHERE id = $1 AND revoked_at IS NULL";

    /// <summary>
    /// The target, or null when it is not configured (its events wait), disabled, or a callback target whose key has no
    /// signing secret any more.
    /// </summary>
    public async Task<DeliveryTarget?> FindAsync(string id, CancellationToken ct)
    {
        if (id.StartsWith("callback:", StringComparison.Ordinal))
        {
            return Guid.TryParse(id["callback:".Length..], out var key) ? await FindCallbackAsync(id, key, ct) : null;
        }

        await using var cmd = dataSource.CreateCommand(Configured);
        cmd.Parameters.AddWithValue(id);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var locations = JsonSerializer.Deserialize<Dictionary<string, long>>(reader.GetString(5)) ?? [];
        return new DeliveryTarget(id, reader.GetString(0), Text(reader, 1), Text(reader, 2), Text(reader, 3), secrets.Unprotect(reader.GetString(4)), locations);
    }

    private async Task<DeliveryTarget?> FindCallbackAsync(string id, Guid key, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(CallbackSecret);
        cmd.Parameters.AddWithValue(key);
        return await cmd.ExecuteScalarAsync(ct) is string secret
            ? new DeliveryTarget(id, TargetKinds.Webhook, null, null, null, secrets.Unprotect(secret), new Dictionary<string, long>())
            : null;
    }

    private static string? Text(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
}
