using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CatalogHub.IntegrationTests.Hosting;

/// <summary>How the Silo executable starts: configuration mistakes, and the no-setup local mode.</summary>
public class StartupTests
{
    [Fact]
    public async Task ConfigurationMistakesStopTheSiloWithOneClearLineEach()
    {
        await using var silo = SiloProcess.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Hub"] = "Host=127.0.0.1;Username=hub",
            ["Hub__SiloPort"] = "70000",
            ["Hub__ClusterId"] = "has spaces",
        });

        Assert.Equal(2, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Catalog Hub cannot start. The configuration is not valid:", silo.Output);
        Assert.Contains("- Hub:SiloPort must be a TCP port between 1 and 65535 (got 70000).", silo.Output);
        Assert.Contains("- Hub:ClusterId must be 1 to 100 letters, digits, '.', '_' or '-' (got 'has spaces').", silo.Output);
        Assert.Contains("- ConnectionStrings:Hub has no Database.", silo.Output);
        Assert.DoesNotContain("   at ", silo.Output); // no stack trace
    }

    [Fact]
    public async Task WithoutAConnectionStringTheSiloRunsItsOwnPostgresAndReusesItNextTime()
    {
        var home = Path.Combine(Path.GetTempPath(), "hub-tests", $"local-{Guid.NewGuid():N}");
        Directory.CreateDirectory(home);
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Hub"] = "",
            ["Hub__LocalDataDirectory"] = Path.Combine(home, ".hub", "pgdata"),
            ["Hub__ClusterId"] = $"test-{Guid.NewGuid():N}",
        };
        var keyFile = Path.Combine(home, ".hub", "dev-admin-key");
        try
        {
            string key;
            await using (var first = SiloProcess.Start(environment, workingDirectory: home))
            {
                await first.WaitHealthyAsync(TimeSpan.FromSeconds(90));
                Assert.Contains("Creating a local PostgreSQL cluster", first.Output);
                key = File.ReadAllText(keyFile).Trim();
                Assert.Contains($"Dev admin key (first run; also saved in {keyFile}): {key}", first.Output);
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
                using var client = HubClients.For(first.BaseAddress, key);
                await client.PostJsonAsync("/api/cluster/probes/kept");
                await first.StopAsync();
                Assert.Contains("Local PostgreSQL stopped.", first.Output);
            }

            Assert.False(File.Exists(Path.Combine(home, ".hub", "pgdata", "postmaster.pid")));

            await using var second = SiloProcess.Start(environment, workingDirectory: home);
            await second.WaitHealthyAsync(TimeSpan.FromSeconds(90));
            Assert.DoesNotContain("Creating a local PostgreSQL cluster", second.Output);
            Assert.DoesNotContain(key, second.Output); // shown on the first run only
            using var again = HubClients.For(second.BaseAddress, key);
            var probe = await again.GetFromJsonAsync<JsonElement>("/api/cluster/probes/kept");
            Assert.Equal(1, probe.GetProperty("count").GetInt64());
            await second.StopAsync();
        }
        finally
        {
            await new Silo.Database.PostgresCluster(Path.Combine(home, ".hub", "pgdata")).StopAsync("immediate");
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task TheKeysCommandCreatesListsAndRevokesKeys()
    {
        var db = await (await TestPostgres.InstanceAsync()).CreateMigratedDatabaseAsync();
        var environment = new Dictionary<string, string?> { ["ConnectionStrings__Hub"] = db };

        await using var create = SiloProcess.Start(environment, ["keys", "create", "--name", "ops", "--scopes", "admin,read"]);
        Assert.Equal(0, await create.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var key = create.Output.Split('\n', StringSplitOptions.TrimEntries).Single(l => l.StartsWith(Api.Auth.ApiKeySecret.KeyPrefix, StringComparison.Ordinal));

        await using var hub = TestHub.On(db);
        await hub.InitializeAsync();
        using var client = HubClients.For(hub.BaseAddress, key);
        var keys = await client.GetFromJsonAsync<JsonElement>("/api/keys");
        var ops = keys.EnumerateArray().Single(k => k.GetProperty("name").GetString() == "ops");
        var id = ops.GetProperty("id").GetString()!;

        await using var list = SiloProcess.Start(environment, ["keys", "list"]);
        Assert.Equal(0, await list.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains($"{id}  {key[..12]}…  ops  [admin,read]  active", list.Output);
        Assert.DoesNotContain(key, list.Output);

        await using var revoke = SiloProcess.Start(environment, ["keys", "revoke", id]);
        Assert.Equal(0, await revoke.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        await HubClients.EventuallyAsync(
            async () => (await client.GetAsync("/api/keys")).StatusCode,
            s => s == HttpStatusCode.Unauthorized,
            Api.Auth.ApiKeyStore.CacheTime + TimeSpan.FromSeconds(10),
            "the revoked key is refused");
    }

    [Fact]
    public async Task TheKeysCommandExplainsBadScopes()
    {
        var db = await (await TestPostgres.InstanceAsync()).CreateMigratedDatabaseAsync();
        await using var create = SiloProcess.Start(new Dictionary<string, string?> { ["ConnectionStrings__Hub"] = db }, ["keys", "create", "--name", "x", "--scopes", "root"]);
        Assert.Equal(2, await create.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("unknown scope(s): root", create.Output);
    }

    [Fact]
    public async Task AnUnreachableDatabaseIsNamedWithoutItsPassword()
    {
        var port = Silo.Database.PostgresCluster.FreePort();
        await using var silo = SiloProcess.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Hub"] = $"Host=127.0.0.1;Port={port};Database=nowhere;Username=hub;Password=s3cret-pw;Timeout=3",
        });

        Assert.Equal(3, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains($"Catalog Hub cannot start. The database 'nowhere' at 127.0.0.1:{port} is not usable:", silo.Output);
        Assert.DoesNotContain("s3cret-pw", silo.Output);
        Assert.DoesNotContain("   at ", silo.Output);
    }
}
