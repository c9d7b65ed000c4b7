using System.Collections.Concurrent;
using Npgsql;

namespace CatalogHub.Api.Auth;

/// <summary>
/// The <c>api_keys</c> table. Authentication results are cached per silo for <see cref="CacheTime"/>, so a
/// busy key costs one query per silo per interval; revoking through a silo evicts its cache at once, other
/// silos notice within <see cref="CacheTime"/>. Concurrent lookups of one key share one query: a burst of 100
/// requests with a key whose entry expired made 100 updates of one row, each holding a connection while it waited
/// for the row lock (a 200-request test then met PostgreSQL's connection limit and answered 503).
/// </summary>
public sealed partial class ApiKeyStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>How long a silo trusts a key lookup.</summary>
    public static readonly TimeSpan CacheTime = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (ApiKeyIdentity Identity, DateTimeOffset Until)> _cache = new();

    private readonly ConcurrentDictionary<string, Lazy<Task<ApiKeyIdentity?>>> _reading = new();

    private const string LimitColumns = "requests_per_minute, entries_per_minute, max_payload_bytes, max_entries_per_request";

    /// <summary>
    /// Creates a key with a new random secret; <paramref name="limits"/> null: the defaults; <paramref name="callback"/>:
    /// its default callback URL and its callback signing secret, already encrypted (either may be null).
    /// </summary>
    public Task<CreatedApiKey> CreateAsync(
        string name, IReadOnlyList<string> scopes, IReadOnlyList<string>? stores, ApiKeyLimits? limits = null, StoredCallback? callback = null,
        CancellationToken ct = default) =>
        InsertAsync(ApiKeySecret.Generate(), name, scopes, stores, limits ?? ApiKeyLimits.None, callback ?? new StoredCallback(null, null), ct);

    /// <summary>Stores a key whose secret the operator chose, unless a key with that secret exists.</summary>
    public async Task<bool> EnsureAsync(string secret, string name, IReadOnlyList<string> scopes, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO api_keys (id, name, prefix, key_hash, scopes)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (key_hash) DO NOTHING
            """);
        cmd.Parameters.AddWithValue(Guid.CreateVersion7());
        cmd.Parameters.AddWithValue(name);
        cmd.Parameters.AddWithValue(ApiKeySecret.VisiblePrefix(secret));
        cmd.Parameters.AddWithValue(ApiKeySecret.Hash(secret));
        cmd.Parameters.AddWithValue(scopes.ToArray());
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>All keys, newest first.</summary>
    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT {ListColumns}
            FROM api_keys ORDER BY created_at DESC, id
            """);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var keys = new List<ApiKey>();
        while (await reader.ReadAsync(ct))
        {
            keys.Add(Listed(reader));
        }

        return keys;
    }

    /// <summary>
    /// Replaces a key's own limits (null fields: the defaults); null when no such key exists. This silo sees the
    /// change at once, the others within <see cref="CacheTime"/>.
    /// </summary>
    public async Task<ApiKey?> SetLimitsAsync(Guid id, ApiKeyLimits limits, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            UPDATE api_keys SET requests_per_minute = $2, entries_per_minute = $3, max_payload_bytes = $4, max_entries_per_request = $5
            WHERE id = $1
            RETURNING {ListColumns}, key_hash
            """);
        cmd.Parameters.AddWithValue(id);
        AddLimits(cmd, limits);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        _cache.TryRemove(Convert.ToHexString(reader.GetFieldValue<byte[]>(14)), out _);
        return Listed(reader);
    }

    /// <summary>Revokes a key; false when no such key exists. Revoking twice keeps the first time.</summary>
    public async Task<bool> RevokeAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            "UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING key_hash");
        cmd.Parameters.AddWithValue(id);
        if (await cmd.ExecuteScalarAsync(ct) is not byte[] hash)
        {
            return false;
        }

        _cache.TryRemove(Convert.ToHexString(hash), out _);
        return true;
    }

    /// <summary>The identity of a valid, unrevoked key, or null. Records the key's last use.</summary>
    public async Task<ApiKeyIdentity?> AuthenticateAsync(string secret, CancellationToken ct = default)
    {
        var hash = ApiKeySecret.Hash(secret);
        var cacheKey = Convert.ToHexString(hash);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(cacheKey, out var cached) && cached.Until > now)
        {
            return cached.Identity;
        }

        var read = _reading.GetOrAdd(cacheKey, k => new Lazy<Task<ApiKeyIdentity?>>(() => ReadAsync(hash, k, now)));
        return await read.Value.WaitAsync(ct);
    }

    /// <summary>
    /// The one query of a burst of lookups of one key; not cancelled with any one of them, and gone from
    /// <see cref="_reading"/> when it ends, so the next expiry (or a failure) reads again.
    /// </summary>
    private async Task<ApiKeyIdentity?> ReadAsync(byte[] hash, string cacheKey, DateTimeOffset now)
    {
        try
        {
            return await QueryAsync(hash, cacheKey, now);
        }
        finally
        {
            _reading.TryRemove(cacheKey, out _);
        }
    }

    private async Task<ApiKeyIdentity?> QueryAsync(byte[] hash, string cacheKey, DateTimeOffset now)
    {
        await using var cmd = dataSource.CreateCommand($"""
            UPDATE api_keys SET last_used_at = now()
            WHERE key_hash = $1 AND revoked_at IS NULL
            RETURNING id, name, scopes, store_numbers, {LimitColumns}
            """);
        cmd.Parameters.AddWithValue(hash);
        await using var reader = await cmd.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            _cache.TryRemove(cacheKey, out _);
            return null;
        }

        var identity = new ApiKeyIdentity(
            reader.GetGuid(0),
            reader.GetString(1),
            reader.GetFieldValue<string[]>(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<string[]>(3),
            Limits(reader, 4));
        _cache[cacheKey] = (identity, now + CacheTime);
        return identity;
    }

    private const string ListColumns = $"id, name, prefix, scopes, store_numbers, created_at, last_used_at, revoked_at, {LimitColumns}, callback_url, callback_secret IS NOT NULL";

    private static ApiKey Listed(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetFieldValue<string[]>(3),
        reader.IsDBNull(4) ? null : reader.GetFieldValue<string[]>(4),
        Limits(reader, 8),
        reader.GetFieldValue<DateTimeOffset>(5),
        reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
        reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
        reader.IsDBNull(12) ? null : reader.GetString(12),
        reader.GetBoolean(13) ? SecretSet : null);

    /// <summary>The four limit columns from <paramref name="first"/> on.</summary>
    private static ApiKeyLimits Limits(NpgsqlDataReader reader, int first) => new(
        reader.IsDBNull(first) ? null : reader.GetInt32(first),
        reader.IsDBNull(first + 1) ? null : reader.GetInt32(first + 1),
        reader.IsDBNull(first + 2) ? null : reader.GetInt64(first + 2),
        reader.IsDBNull(first + 3) ? null : reader.GetInt32(first + 3));

    private static void AddLimits(NpgsqlCommand cmd, ApiKeyLimits limits)
    {
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)limits.RequestsPerMinute ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)limits.EntriesPerMinute ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)limits.MaxPayloadBytes ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)limits.MaxEntriesPerRequest ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
    }

    private async Task<CreatedApiKey> InsertAsync(
        string secret, string name, IReadOnlyList<string> scopes, IReadOnlyList<string>? stores, ApiKeyLimits limits, StoredCallback callback, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"""
            INSERT INTO api_keys (id, name, prefix, key_hash, scopes, store_numbers, {LimitColumns}, callback_url, callback_secret)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            RETURNING created_at
            """);
        var id = Guid.CreateVersion7();
        var prefix = ApiKeySecret.VisiblePrefix(secret);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(name);
        cmd.Parameters.AddWithValue(prefix);
        cmd.Parameters.AddWithValue(ApiKeySecret.Hash(secret));
        cmd.Parameters.AddWithValue(scopes.ToArray());
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)stores?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        AddLimits(cmd, limits);
        AddCallback(cmd, callback);
        var createdAt = (DateTime)(await cmd.ExecuteScalarAsync(ct))!;
        return new CreatedApiKey(id, name, prefix, scopes, stores, limits, new DateTimeOffset(createdAt, TimeSpan.Zero), secret)
        {
            CallbackUrl = callback.Url,
            CallbackSecret = callback.ProtectedSecret is null ? null : SecretSet,
        };
    }
}
