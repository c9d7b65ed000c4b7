using Npgsql;
using NpgsqlTypes;

namespace CatalogHub.Grains.Suppliers;

/// <summary>The <c>suppliers</c> rows, written by their <see cref="SupplierGrain"/>s and read by sync jobs.</summary>
public sealed class SupplierStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        id, name, adapter, settings::text, credentials, active, hydrate_concurrency, max_requests_per_second,
        delta_schedule, full_sellable_schedule, last_full_sync, last_delta_sync
        """;

    public async Task<SupplierConfig?> LoadAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM suppliers WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return new SupplierConfig(
            reader.GetGuid(0), reader.GetString(1), Text(reader, 2), reader.GetString(3), Text(reader, 4), reader.GetBoolean(5),
            reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetDecimal(7), Text(reader, 8), Text(reader, 9),
            Time(reader, 10), Time(reader, 11));
    }

    public async Task InsertAsync(SupplierConfig s, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO suppliers (id, name, adapter, settings, credentials, active, hydrate_concurrency,
                                   max_requests_per_second, delta_schedule, full_sellable_schedule)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """);
        Bind(cmd, s);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task UpdateAsync(SupplierConfig s, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            UPDATE suppliers SET name = $2, adapter = $3, settings = $4, credentials = $5, active = $6,
                hydrate_concurrency = $7, max_requests_per_second = $8, delta_schedule = $9,
                full_sellable_schedule = $10, updated_at = now()
            WHERE id = $1
            """);
        Bind(cmd, s);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The statement that records a successful (or partial) sync's start as the supplier's last sync of its mode
    /// (<c>$1</c> supplier id, <c>$2</c> the job's start; never moves the time backwards); null for modes that are not
    /// recorded. Run in the transaction that ends the job, so whoever sees the job ended sees the time too.
    /// </summary>
    public static string? RecordSyncSql(DiscoveryMode mode) => mode switch
    {
        DiscoveryMode.FullSellable => "UPDATE suppliers SET last_full_sync = greatest(last_full_sync, $2), updated_at = now() WHERE id = $1",
        DiscoveryMode.Delta => "UPDATE suppliers SET last_delta_sync = greatest(last_delta_sync, $2), updated_at = now() WHERE id = $1",
        _ => null,
    };

    /// <summary>The status of a sync job, or null when there is no such job.</summary>
    public async Task<string?> JobStatusAsync(Guid jobId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("SELECT status FROM sync_jobs WHERE id = $1");
        cmd.Parameters.AddWithValue(jobId);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    private static void Bind(NpgsqlCommand cmd, SupplierConfig s)
    {
        var ps = cmd.Parameters;
        ps.AddWithValue(s.Id);
        ps.AddWithValue(s.Name);
        ps.Add(new NpgsqlParameter { Value = (object?)s.Adapter ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        ps.Add(new NpgsqlParameter { Value = s.SettingsJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        ps.Add(new NpgsqlParameter { Value = (object?)s.ProtectedCredentials ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        ps.AddWithValue(s.Active);
        ps.AddWithValue(s.HydrateConcurrency);
        ps.Add(new NpgsqlParameter { Value = (object?)s.MaxRequestsPerSecond ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Numeric });
        ps.Add(new NpgsqlParameter { Value = (object?)s.DeltaSchedule ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        ps.Add(new NpgsqlParameter { Value = (object?)s.FullSellableSchedule ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
    }

    private static string? Text(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateTimeOffset>(i);
}
