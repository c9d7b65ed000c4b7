using System.Globalization;
using System.Text;
using Npgsql;

namespace CatalogHub.Bench.Driver;

/// <summary>
/// With <c>--profile</c>: the statements PostgreSQL spent its time on during one case (pg_stat_statements,
/// reset before the case), planning and execution apart, printed after it.
/// </summary>
public static class StatementProfile
{
    public static async Task ResetAsync(NpgsqlDataSource db)
    {
        await using var cmd = db.CreateCommand("SELECT pg_stat_statements_reset()");
        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task<string> TopAsync(NpgsqlDataSource db, int count = 8)
    {
        await using var cmd = db.CreateCommand("""
            SELECT calls, rows, total_exec_time, total_plan_time, mean_exec_time, regexp_replace(left(query, 110), '\s+', ' ', 'g')
            FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT $1
            """);
        cmd.Parameters.AddWithValue(count);
        var text = new StringBuilder("    calls |   rows | exec ms | plan ms | mean ms | statement\n");
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"  {reader.GetInt64(0),7} | {reader.GetInt64(1),6} | {reader.GetDouble(2),7:F0} | {reader.GetDouble(3),7:F0} | {reader.GetDouble(4),7:F2} | {reader.GetString(5)}"));
        }

        return text.ToString();
    }
}
