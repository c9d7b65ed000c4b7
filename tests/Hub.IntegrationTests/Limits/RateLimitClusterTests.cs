using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CatalogHub.Api.Auth;

namespace CatalogHub.IntegrationTests.Limits;

/// <summary>A key's requests per minute are one budget for the whole cluster: its rate limit grain counts for every silo.</summary>
public class RateLimitClusterTests
{
    private readonly string _adminKey = ApiKeySecret.Generate();

    private Dictionary<string, string?> Environment(string connectionString) => new()
    {
        ["ConnectionStrings__Hub"] = connectionString,
        ["Hub__ClusterId"] = $"test-{Guid.NewGuid():N}",
        ["Hub__BootstrapAdminKey"] = _adminKey,
    };

    private static async Task<int> ActiveSilosAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/cluster")).GetProperty("silos").GetArrayLength();

    [Fact]
    public async Task TheFourthRequestOfAThreePerMinuteKeyIs429WhicheverSiloAnswers()
    {
        var db = await (await TestPostgres.InstanceAsync()).CreateMigratedDatabaseAsync();
        await using var pair = await SiloPair.StartAsync(Environment(db), _adminKey);
        await HubClients.EventuallyAsync(() => ActiveSilosAsync(pair.ViaA), n => n == 2, TimeSpan.FromSeconds(30), "silo A sees two silos");
        await HubClients.EventuallyAsync(() => ActiveSilosAsync(pair.ViaB), n => n == 2, TimeSpan.FromSeconds(30), "silo B sees two silos");
        var response = await pair.ViaA.PostAsJsonAsync("/api/keys", new { name = "three a minute", scopes = new[] { "admin" }, limits = new { requests_per_minute = 3 } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var key = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        using var viaA = HubClients.For(pair.A.BaseAddress, key);
        using var viaB = HubClients.For(pair.B.BaseAddress, key);

        Assert.Equal(HttpStatusCode.OK, (await viaA.GetAsync("/api/v1/admin/stores")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viaB.GetAsync("/api/v1/admin/stores")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viaA.GetAsync("/api/v1/admin/stores")).StatusCode);
        var fourth = await viaB.GetAsync("/api/v1/admin/stores");
        var fifth = await viaA.GetAsync("/api/v1/admin/stores");

        foreach (var refused in new[] { fourth, fifth })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("application/json", refused.Content.Headers.ContentType?.MediaType);
            var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Rate limit exceeded: 3 requests per minute", body.GetProperty("error").GetString());
            var retryAfter = body.GetProperty("retry_after").GetInt32();
            Assert.InRange(retryAfter, 1, 61);
            Assert.Equal(TimeSpan.FromSeconds(retryAfter), refused.Headers.RetryAfter?.Delta);
        }

        // Another key has its own budget.
        Assert.Equal(HttpStatusCode.OK, (await pair.ViaB.GetAsync("/api/v1/admin/stores")).StatusCode);
    }
}
