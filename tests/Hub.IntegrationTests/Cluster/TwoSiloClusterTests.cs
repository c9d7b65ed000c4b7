using System.Net.Http.Json;
using System.Text.Json;
using CatalogHub.Api.Auth;

namespace CatalogHub.IntegrationTests.Cluster;

/// <summary>Silos as separate processes on one machine, joined through the PostgreSQL membership table.</summary>
public class TwoSiloClusterTests
{
    private readonly string _adminKey = ApiKeySecret.Generate();
    private readonly string _clusterId = $"test-{Guid.NewGuid():N}";

    private Dictionary<string, string?> Environment(string connectionString) => new()
    {
        ["ConnectionStrings__Hub"] = connectionString,
        ["Hub__ClusterId"] = _clusterId,
        ["Hub__BootstrapAdminKey"] = _adminKey,
    };

    private static async Task<int> ActiveSilosAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/cluster")).GetProperty("silos").GetArrayLength();

    [Fact]
    public async Task BothSilosReachTheSameActivationAndTheSurvivorServesAfterOneStops()
    {
        var db = await (await TestPostgres.InstanceAsync()).CreateMigratedDatabaseAsync();
        await using var a = SiloProcess.Start(Environment(db));
        await using var b = SiloProcess.Start(Environment(db));
        await Task.WhenAll(a.WaitHealthyAsync(), b.WaitHealthyAsync());
        using var viaA = HubClients.For(a.BaseAddress, _adminKey);
        using var viaB = HubClients.For(b.BaseAddress, _adminKey);
        await HubClients.EventuallyAsync(() => ActiveSilosAsync(viaA), n => n == 2, TimeSpan.FromSeconds(30), "silo A sees two silos");
        await HubClients.EventuallyAsync(() => ActiveSilosAsync(viaB), n => n == 2, TimeSpan.FromSeconds(30), "silo B sees two silos");

        // Probe until a few grains live on silo A, whose stop is the point of the test (placement is
        // Orleans' choice, so the number of probes it takes is not fixed).
        var siloA = (await viaA.GetFromJsonAsync<JsonElement>("/api/cluster")).GetProperty("answered_by").GetString()!;
        var keys = new List<string>();
        var onA = 0;
        for (var i = 0; i < 200 && (keys.Count < 12 || onA < 3); i++)
        {
            var key = $"probe-{Guid.NewGuid():N}-{i}";
            var first = await viaA.PostJsonAsync($"/api/cluster/probes/{key}");
            var second = await viaB.PostJsonAsync($"/api/cluster/probes/{key}");
            Assert.Equal(first.GetProperty("activation_id").GetString(), second.GetProperty("activation_id").GetString());
            Assert.Equal(first.GetProperty("silo").GetString(), second.GetProperty("silo").GetString());
            Assert.Equal(2, second.GetProperty("count").GetInt64());
            keys.Add(key);
            onA += first.GetProperty("silo").GetString() == siloA ? 1 : 0;
        }

        Assert.True(onA >= 3, $"only {onA} of {keys.Count} probes were placed on silo A");

        await a.StopAsync();

        var siloB = (await viaB.GetFromJsonAsync<JsonElement>("/api/cluster")).GetProperty("answered_by").GetString()!;
        foreach (var key in keys)
        {
            var after = await HubClients.EventuallyAsync(
                () => viaB.PostJsonAsync($"/api/cluster/probes/{key}"), _ => true, TimeSpan.FromSeconds(30), $"{key} answers through B");
            Assert.Equal(3, after.GetProperty("count").GetInt64());
            Assert.Equal(siloB, after.GetProperty("silo").GetString());
        }

        await HubClients.EventuallyAsync(() => ActiveSilosAsync(viaB), n => n == 1, TimeSpan.FromSeconds(30), "silo B sees one silo");
    }

    [Fact]
    public async Task GrainStateSurvivesASiloCrashAndRestart()
    {
        var db = await (await TestPostgres.InstanceAsync()).CreateMigratedDatabaseAsync();
        var environment = Environment(db);
        environment["Hub__SiloPort"] = Silo.Database.PostgresCluster.FreePort().ToString();
        var key = $"restart-{Guid.NewGuid():N}";

        await using (var first = SiloProcess.Start(environment))
        {
            await first.WaitHealthyAsync();
            using var client = HubClients.For(first.BaseAddress, _adminKey);
            for (var i = 0; i < 3; i++)
            {
                await client.PostJsonAsync($"/api/cluster/probes/{key}");
            }

            first.Kill(); // no graceful shutdown: only what reached PostgreSQL survives
        }

        await using var second = SiloProcess.Start(environment);
        await second.WaitHealthyAsync();
        using var again = HubClients.For(second.BaseAddress, _adminKey);
        var report = await again.GetFromJsonAsync<JsonElement>($"/api/cluster/probes/{key}");
        Assert.Equal(3, report.GetProperty("count").GetInt64());
        Assert.Equal(4, (await again.PostJsonAsync($"/api/cluster/probes/{key}")).GetProperty("count").GetInt64());
    }
}
