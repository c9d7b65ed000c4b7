using CatalogHub.Silo.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CatalogHub.IntegrationTests.Database;

public class MigrationRunnerTests
{
    private static async Task<NpgsqlDataSource> EmptyDatabaseAsync()
    {
        var postgres = await TestPostgres.InstanceAsync();
        return NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
    }

    private static MigrationRunner Runner(NpgsqlDataSource db) => new(db, NullLogger<MigrationRunner>.Instance);

    private static async Task<long> ScalarAsync(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task ASecondRunAppliesNothing()
    {
        await using var db = await EmptyDatabaseAsync();
        var all = Migration.Embedded();

        Assert.Equal(all.Count, await Runner(db).ApplyAsync());
        Assert.Equal(0, await Runner(db).ApplyAsync());
        Assert.Equal(all.Count, await ScalarAsync(db, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task ConcurrentAppliersTakeTurnsAndApplyEachMigrationOnce()
    {
        await using var db = await EmptyDatabaseAsync();
        var all = Migration.Embedded();
        // A slow migration widens the window in which an unlocked runner would apply it twice.
        var slow = all.Append(new Migration(9999, "slow_probe",
            "SELECT pg_sleep(0.3); CREATE TABLE race_probe (id int); INSERT INTO race_probe VALUES (1);")).ToList();

        var counts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Runner(db).ApplyAsync(slow))));

        Assert.Equal(slow.Count, counts.Sum());
        Assert.Equal(1, await ScalarAsync(db, "SELECT count(*) FROM race_probe"));
        Assert.Equal(slow.Count, await ScalarAsync(db, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task AnEditedMigrationIsRefusedWithAClearMessage()
    {
        await using var db = await EmptyDatabaseAsync();
        var first = new Migration(1, "first", "CREATE TABLE edited_probe (id int);");
        await Runner(db).ApplyAsync([first]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Runner(db).ApplyAsync([first with { Sql = "CREATE TABLE edited_probe (id bigint);" }]));

        Assert.Contains("0001_first was changed after it was applied", error.Message);
    }

    [Fact]
    public async Task AFailingMigrationLeavesNoTraceAndIsRetriedNextTime()
    {
        await using var db = await EmptyDatabaseAsync();
        var broken = new Migration(1, "broken", "CREATE TABLE half_done (id int); SELECT no_such_function();");

        await Assert.ThrowsAsync<PostgresException>(() => Runner(db).ApplyAsync([broken]));

        Assert.Equal(0, await ScalarAsync(db, "SELECT count(*) FROM schema_migrations"));
        Assert.Equal(0, await ScalarAsync(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'half_done'"));
        Assert.Equal(1, await Runner(db).ApplyAsync([broken with { Sql = "CREATE TABLE half_done (id int);" }]));
    }
}
