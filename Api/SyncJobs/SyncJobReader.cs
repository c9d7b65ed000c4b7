using System.Text;
using System.Text.Json;
using Npgsql;

namespace CatalogHub.Api.SyncJobs;

/// <summary>Reads sync jobs from the relational <c>sync_jobs</c> table (never from grain state).</summary>
public sealed class SyncJobReader(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        id, supplier_id, supplier_name, job_type, status, discovery_mode, total_products, success_count, failed_count,
        records_processed, errors::text, started_at, completed_at, hydrate_started_at, hydrate_started_processed,
        limit_count, explicit_list, changed_since, error_log, now()
        """;

    public async Task<SyncJobRead?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM sync_jobs WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>One job as <paramref name="tx"/> sees it (a callback's payload, read where the job's end is written).</summary>
    public static async Task<SyncJobRead?> GetAsync(Guid id, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"SELECT {Columns} FROM sync_jobs WHERE id = $1", tx.Connection, tx);
        cmd.Parameters.AddWithValue(id);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>Jobs under <paramref name="filter"/>, newest (<c>started_at</c>) first.</summary>
    public async Task<IReadOnlyList<SyncJobRead>> ListAsync(SyncJobFilter filter, CancellationToken ct = default)
    {
        var sql = new StringBuilder($"SELECT {Columns} FROM sync_jobs WHERE true");
        await using var cmd = dataSource.CreateCommand();
        void Filter(string column, object? value)
        {
            if (value is not null)
            {
                cmd.Parameters.AddWithValue(value);
                sql.Append($" AND {column} = ${cmd.Parameters.Count}");
            }
        }

        Filter("status", filter.Status);
        Filter("job_type", filter.JobType);
        Filter("supplier_id", filter.SupplierId);
        cmd.Parameters.AddWithValue(filter.Limit);
        sql.Append($" ORDER BY started_at DESC, id LIMIT ${cmd.Parameters.Count}");
        cmd.CommandText = sql.ToString();
        var list = new List<SyncJobRead>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    private static SyncJobRead Read(NpgsqlDataReader r)
    {
        var status = r.GetString(4);
        var (total, succeeded, failed) = (r.GetInt32(6), r.GetInt32(7), r.GetInt32(8));
        var (processed, percent, eta) = SyncJobRules.Progress(
            status, total, succeeded, failed, Time(r, 13), r.GetInt32(14), r.GetFieldValue<DateTimeOffset>(19));
        using var errors = JsonDocument.Parse(r.GetString(10));
        return new SyncJobRead(
            r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3), status, r.GetString(5), total, succeeded, failed,
            r.GetInt32(9), errors.RootElement.Clone(), r.GetFieldValue<DateTimeOffset>(11), Time(r, 12), processed, percent, eta,
            r.IsDBNull(15) ? null : r.GetInt32(15), r.IsDBNull(16) ? null : r.GetFieldValue<string[]>(16), Time(r, 17),
            r.IsDBNull(18) ? null : r.GetString(18));
    }

    private static DateTimeOffset? Time(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
}
