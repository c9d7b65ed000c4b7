using Npgsql;

namespace CatalogHub.Silo.Database;

/// <summary>Server-level chores: create a database if it is missing.</summary>
public static class DatabaseAdmin
{
    /// <summary>Creates <paramref name="database"/> (optionally from a template) unless it exists.</summary>
    public static async Task EnsureDatabaseAsync(string serverConnectionString, string database, string? template = null, CancellationToken ct = default)
    {
        var admin = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = "postgres", Pooling = false };
        await using var conn = new NpgsqlConnection(admin.ConnectionString);
        await conn.OpenAsync(ct);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", conn))
        {
            exists.Parameters.AddWithValue(database);
            if (await exists.ExecuteScalarAsync(ct) is not null)
            {
                return;
            }
        }

        var sql = $"CREATE DATABASE {Quote(database)}" + (template is null ? "" : $" TEMPLATE {Quote(template)}");
        try
        {
            await using var create = new NpgsqlCommand(sql, conn);
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another process created it between our check and our CREATE: that is what we wanted.
        }
    }

    /// <summary>Drops a database, disconnecting its sessions.</summary>
    public static async Task DropDatabaseAsync(string serverConnectionString, string database, CancellationToken ct = default)
    {
        var admin = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = "postgres", Pooling = false };
        await using var conn = new NpgsqlConnection(admin.ConnectionString);
        await conn.OpenAsync(ct);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Quote(database)} WITH (FORCE)", conn);
        await drop.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Quotes an identifier.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
