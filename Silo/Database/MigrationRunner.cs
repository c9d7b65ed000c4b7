using Microsoft.Extensions.Logging;
using Npgsql;

namespace CatalogHub.Silo.Database;

/// <summary>
/// Applies the ordered migrations that are not yet recorded in <c>schema_migrations</c>, each in its own
/// transaction, under a PostgreSQL advisory lock: silos starting together take turns, and the second finds
/// nothing left to do.
/// </summary>
public sealed partial class MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
{
    /// <summary>The advisory lock key all hub processes agree on ("hubmigr" in ASCII).</summary>
    public const long LockKey = 0x6875626D69677231;

    /// <summary>Applies <paramref name="migrations"/> (default: the embedded ones) and returns how many ran.</summary>
    public async Task<int> ApplyAsync(IReadOnlyList<Migration>? migrations = null, CancellationToken ct = default)
    {
        migrations ??= Migration.Embedded();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await ExecuteAsync(conn, $"SELECT pg_advisory_lock({LockKey})", ct);
        try
        {
            await ExecuteAsync(conn, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    integer     PRIMARY KEY,
                    name       text        NOT NULL,
                    checksum   text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, ct);
            var applied = await AppliedAsync(conn, ct);
            var count = 0;
            foreach (var migration in migrations)
            {
                if (applied.TryGetValue(migration.Version, out var checksum))
                {
                    if (checksum != migration.Checksum)
                    {
                        throw new InvalidOperationException(
                            $"Migration {migration.Version:D4}_{migration.Name} was changed after it was applied " +
                            "(checksum differs). Never edit an applied migration: add a new one.");
                    }

                    continue;
                }

                await ApplyOneAsync(conn, migration, ct);
                count++;
            }

            return count;
        }
        finally
        {
            await ExecuteAsync(conn, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    private async Task ApplyOneAsync(NpgsqlConnection conn, Migration migration, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var tx = await conn.BeginTransactionAsync(ct);
        // No command time-out: an index build on a large catalog may take minutes.
        await using (var script = new NpgsqlCommand(migration.Sql, conn, tx) { CommandTimeout = 0 })
        {
            await script.ExecuteNonQueryAsync(ct);
        }

        await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", conn, tx))
        {
            record.Parameters.AddWithValue(migration.Version);
            record.Parameters.AddWithValue(migration.Name);
            record.Parameters.AddWithValue(migration.Checksum);
            await record.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        LogApplied(migration.Version, migration.Name, elapsed.TotalMilliseconds);
    }

    private static async Task<Dictionary<int, string>> AppliedAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var applied = new Dictionary<int, string>();
        await using var cmd = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations", conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            applied[reader.GetInt32(0)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        // No command time-out: waiting for the lock means waiting for another silo's migrations.
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Version:D4}_{Name} in {ElapsedMs:F0} ms")]
    private partial void LogApplied(int version, string name, double elapsedMs);
}
