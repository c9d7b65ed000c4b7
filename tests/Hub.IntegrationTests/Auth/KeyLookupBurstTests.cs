using CatalogHub.Api.Auth;
using Npgsql;

namespace CatalogHub.IntegrationTests.Auth;

/// <summary>
/// A burst of requests with a key the silo has not looked up yet (or whose cached lookup just expired) costs one query:
/// one update of the key's row per burst, not one per request each holding a connection while it waits for the row.
/// </summary>
public class KeyLookupBurstTests
{
    [Fact]
    public async Task ConcurrentLookupsOfOneKeyShareOneQuery()
    {
        var connectionString = await (await TestPostgres.InstanceAsync()).CreateMigratedDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var store = new ApiKeyStore(dataSource, TimeProvider.System);
        var key = await store.CreateAsync("burst", ["read"], null);
        await using (var counting = dataSource.CreateCommand("""
            CREATE TABLE test_key_lookups (at timestamptz NOT NULL DEFAULT now());
            CREATE FUNCTION test_count_key_lookup() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN INSERT INTO test_key_lookups DEFAULT VALUES; RETURN NEW; END';
            CREATE TRIGGER test_count_key_lookup AFTER UPDATE ON api_keys FOR EACH ROW EXECUTE FUNCTION test_count_key_lookup();
            """))
        {
            await counting.ExecuteNonQueryAsync();
        }

        // The key's row is held, so no lookup can finish (and fill the cache) while the burst starts: every one of the
        // 40 calls below passes the cache check before any answer exists, and only sharing keeps them to one query.
        await using var holder = await dataSource.OpenConnectionAsync();
        await using var tx = await holder.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM api_keys WHERE id = $1 FOR UPDATE", holder, tx) { Parameters = { new() { Value = key.Id } } })
        {
            await lockRow.ExecuteScalarAsync();
        }

        var lookups = Enumerable.Range(0, 40).Select(_ => store.AuthenticateAsync(key.Key)).ToList();
        Assert.All(lookups, l => Assert.False(l.IsCompleted));
        await tx.CommitAsync();
        var identities = await Task.WhenAll(lookups);

        Assert.All(identities, i => Assert.Equal(key.Id, i?.Id));
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM test_key_lookups");
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }
}
