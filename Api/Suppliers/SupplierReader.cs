using System.Text.Json.Nodes;
using Npgsql;

namespace CatalogHub.Api.Suppliers;

/// <summary>Reads suppliers for the API from the <c>suppliers</c> table; every change goes through the supplier's grain.</summary>
public sealed class SupplierReader(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        id, name, adapter, settings::text, credentials IS NOT NULL, active, hydrate_concurrency, max_requests_per_second,
        delta_schedule, full_sellable_schedule, last_full_sync, last_delta_sync, created_at, updated_at
        """;

    public async Task<SupplierRead?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM suppliers WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>All suppliers, by name (case-insensitive), then id.</summary>
    public async Task<IReadOnlyList<SupplierRead>> ListAsync(CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM suppliers ORDER BY lower(name), id");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<SupplierRead>();
        while (await reader.ReadAsync(ct))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    private static SupplierRead Read(NpgsqlDataReader r)
    {
        var config = JsonNode.Parse(r.GetString(3)) as JsonObject ?? [];
        config["credentials"] = r.GetBoolean(4) ? "set" : null;
        return new SupplierRead(
            r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), config, r.GetBoolean(5), r.GetInt32(6),
            r.IsDBNull(7) ? null : r.GetDecimal(7) / 1.000m,
            new SupplierSchedulesRead(r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9)),
            Time(r, 10), Time(r, 11), r.GetFieldValue<DateTimeOffset>(12), r.GetFieldValue<DateTimeOffset>(13));
    }

    private static DateTimeOffset? Time(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
}
