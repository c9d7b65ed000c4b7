using Npgsql;
using NpgsqlTypes;

namespace CatalogHub.Api.Auth;

/// <summary>A key's callback as stored: the default URL and the encrypted signing secret (either may be null).</summary>
public sealed record StoredCallback(string? Url, string? ProtectedSecret);

/// <summary>What a job start needs to know of the calling key's callback: its default URL and whether it can sign.</summary>
public sealed record KeyCallback(string? Url, bool HasSecret);

/// <summary>The callback columns of <c>api_keys</c>: a key's default callback URL and its encrypted signing secret.</summary>
public sealed partial class ApiKeyStore
{
    /// <summary>What <c>callback_secret</c> shows when a secret is stored (the secret itself is never returned).</summary>
    public const string SecretSet = "set";

    /// <summary>The key's callback settings, read fresh (not cached: a job start must see a secret just set); null: no such key.</summary>
    public async Task<KeyCallback?> CallbackAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("SELECT callback_url, callback_secret IS NOT NULL FROM api_keys WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new KeyCallback(reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetBoolean(1)) : null;
    }

    /// <summary>
    /// Sets the key's default callback URL (null: none) and, when <see cref="StoredCallback.ProtectedSecret"/> is given,
    /// its signing secret (null keeps the stored one); null when no such key exists.
    /// </summary>
    public async Task<ApiKey?> SetCallbackAsync(Guid id, StoredCallback callback, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            UPDATE api_keys SET callback_url = $2, callback_secret = coalesce($3, callback_secret)
            WHERE id = $1
            RETURNING {ListColumns}
            """);
        cmd.Parameters.AddWithValue(id);
        AddCallback(cmd, callback);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Listed(reader) : null;
    }

    /// <summary>Removes the key's callback URL and secret: new jobs of the key call back no more, and callbacks already queued wait until a secret is set again; false when no such key.</summary>
    public async Task<bool> ClearCallbackAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("UPDATE api_keys SET callback_url = NULL, callback_secret = NULL WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    private static void AddCallback(NpgsqlCommand cmd, StoredCallback callback)
    {
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)callback.Url ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)callback.ProtectedSecret ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
    }
}
