using Npgsql;

namespace CatalogHub.IntegrationTests.Infrastructure;

/// <summary>Straight SQL against a test database, for arranging and asserting what the API does not show.</summary>
public static class Sql
{
    /// <summary>One value of <paramref name="sql"/> with positional parameters <paramref name="args"/>.</summary>
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, params object[] args)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var cmd = db.CreateCommand(sql);
        foreach (var a in args)
        {
            cmd.Parameters.AddWithValue(a);
        }

        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
