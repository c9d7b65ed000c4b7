using System.Security.Cryptography;
using CatalogHub.Grains.Suppliers;
using Microsoft.Extensions.DependencyInjection;

namespace CatalogHub.IntegrationTests.Suppliers;

/// <summary>
/// With <c>Hub:Secrets:KeyRingKey</c> the Data Protection key ring is stored encrypted: a copy of the database alone
/// cannot decrypt supplier passwords, Shopify tokens or webhook secrets, and a silo needs the same key to read them.
/// </summary>
public class KeyRingEncryptionTests
{
    private static readonly Dictionary<string, string> Credentials = new() { ["password"] = "key-ring-test-password-0123" };

    /// <summary>A hub on an existing database with a key-ring key (none: as before, unencrypted).</summary>
    private sealed class KeyedHub : TestHub
    {
        private readonly string? _key;

        public KeyedHub(string connectionString, string? key)
        {
            ConnectionString = connectionString;
            _key = key;
        }

        protected override IEnumerable<string> Arguments => _key is null ? [] : [$"--Hub:Secrets:KeyRingKey={_key}"];
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static async Task<T> WithHubAsync<T>(string db, string? key, Func<ISupplierSecrets, T> use)
    {
        await using var hub = new KeyedHub(db, key);
        await hub.InitializeAsync();
        return use(hub.Services.GetRequiredService<ISupplierSecrets>());
    }

    private static Task<string> KeyRingAsync(string db) => Sql.ScalarAsync<string>(db, "SELECT coalesce(string_agg(xml, ''), '') FROM data_protection_keys");

    [Fact]
    public async Task TheKeyRingIsStoredEncryptedAndOnlyASiloWithItsKeyReadsTheSecrets()
    {
        var db = await (await TestPostgres.InstanceAsync()).CreateMigratedDatabaseAsync();
        var key = NewKey();
        var payload = await WithHubAsync(db, key, secrets => secrets.Protect(Credentials));

        var ring = await KeyRingAsync(db);
        Assert.Contains("hubEncryptedKey", ring, StringComparison.Ordinal);
        Assert.DoesNotContain("masterKey", ring, StringComparison.Ordinal); // the key material itself, in the clear without a key-ring key

        Assert.Equal(Credentials, await WithHubAsync(db, key, secrets => secrets.Unprotect(payload)));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => WithHubAsync(db, NewKey(), secrets => secrets.Unprotect(payload)));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => WithHubAsync(db, null, secrets => secrets.Unprotect(payload)));
    }

    [Fact]
    public async Task AKeyRingStoredBeforeAKeyWasSetIsStillRead()
    {
        var db = await (await TestPostgres.InstanceAsync()).CreateMigratedDatabaseAsync();
        var payload = await WithHubAsync(db, null, secrets => secrets.Protect(Credentials));
        Assert.Contains("masterKey", await KeyRingAsync(db), StringComparison.Ordinal);

        Assert.Equal(Credentials, await WithHubAsync(db, NewKey(), secrets => secrets.Unprotect(payload)));
    }
}
