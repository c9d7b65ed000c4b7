using System.Text.Json;
using CatalogHub.Grains.Outbox;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace CatalogHub.Api.Outbox;

/// <summary>
/// Stores how store and customer targets receive their events. Secrets are encrypted with the hub's Data Protection
/// key ring (purpose <see cref="SecretPurposes.Delivery"/>) before they are written and never read back here.
/// </summary>
public sealed class DeliveryTargetAdmin(NpgsqlDataSource dataSource, IDataProtectionProvider protection)
{
    private const string Columns = """
        t.id, t.kind, t.url, t.shop_domain, t.api_version, t.location_ids::text, t.disabled_at, t.disabled_reason, t.updated_at,
        (SELECT c.auto_repush FROM customers c WHERE starts_with(t.id, 'customer:') AND c.id::text = substr(t.id, 10))
        """;

    private readonly IDataProtector _protector = protection.CreateProtector(SecretPurposes.Delivery);

    public static string StoreTarget(string storeNumber) => $"store:{storeNumber}";

    public static string CustomerTarget(Guid customerId) => $"customer:{customerId}";

    public async Task<DeliveryTargetView?> GetAsync(string target, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM delivery_targets t WHERE t.id = $1");
        cmd.Parameters.AddWithValue(target);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>The kind of the target's current configuration (its secret may be kept only for the same kind), or null.</summary>
    public async Task<string?> KindAsync(string target, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT kind FROM delivery_targets WHERE id = $1");
        cmd.Parameters.AddWithValue(target);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>Sets a target (enabled again if a 410 had disabled it); a null secret keeps the stored one.</summary>
    public async Task<DeliveryTargetView> PutAsync(string target, DeliveryTargetRequest request, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"""
            WITH t AS (
                INSERT INTO delivery_targets AS t (id, kind, url, shop_domain, api_version, secret, location_ids)
                VALUES ($1, $2, $3, $4, $5, coalesce($6, (SELECT secret FROM delivery_targets WHERE id = $1)), $7::jsonb)
                ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, url = excluded.url, shop_domain = excluded.shop_domain,
                    api_version = excluded.api_version, secret = coalesce($6, t.secret), location_ids = excluded.location_ids,
                    disabled_at = NULL, disabled_reason = NULL, updated_at = now()
                RETURNING *
            )
            SELECT {Columns} FROM t
            """);
        cmd.Parameters.AddWithValue(target);
        cmd.Parameters.AddWithValue(request.Kind);
        cmd.Parameters.AddWithValue((object?)request.Url ?? DBNull.Value);
        cmd.Parameters.AddWithValue((object?)request.ShopDomain ?? DBNull.Value);
        cmd.Parameters.AddWithValue((object?)request.ApiVersion ?? DBNull.Value);
        cmd.Parameters.Add(new NpgsqlParameter { Value = request.Secret is null ? DBNull.Value : _protector.Protect(request.Secret), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.AddWithValue(JsonSerializer.Serialize(request.LocationIds));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return Read(reader);
    }

    /// <summary>Sets whether changes to the customer's pushed products push them again.</summary>
    public async Task SetAutoRepushAsync(Guid customerId, bool autoRepush, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("UPDATE customers SET auto_repush = $2 WHERE id = $1");
        cmd.Parameters.AddWithValue(customerId);
        cmd.Parameters.AddWithValue(autoRepush);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Removes a target's configuration; its events wait until it is configured again.</summary>
    public async Task<bool> DeleteAsync(string target, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("DELETE FROM delivery_targets WHERE id = $1");
        cmd.Parameters.AddWithValue(target);
        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    }

    private static DeliveryTargetView Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), Text(r, 2), Text(r, 3), Text(r, 4),
        JsonSerializer.Deserialize<Dictionary<string, long>>(r.GetString(5)) ?? [], "set",
        r.IsDBNull(9) ? null : r.GetBoolean(9),
        r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6), Text(r, 7), r.GetFieldValue<DateTimeOffset>(8));

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
