using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CatalogHub.Api.Auth;
using CatalogHub.Api.Limits;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CatalogHub.IntegrationTests.Limits;

/// <summary>
/// A hub with seed 002's default limits and a test-only route, <c>/test/limits?entries=n</c>, that calls
/// <see cref="IngestLimiter"/> the way the ingestion endpoints do: authenticated by the real handler, counted by
/// the key's rate limit grain, answered with the limiter's 429.
/// </summary>
public sealed class LimiterProbeHub : TestHub
{
    public const string Path = "/test/limits";

    protected override IEnumerable<string> Arguments =>
        ["--Hub:Ingest:Limits:RequestsPerMinute=60", "--Hub:Ingest:Limits:EntriesPerMinute=10000"];

    protected override void Configure(WebApplicationBuilder builder) => builder.Services.AddSingleton<IStartupFilter, ProbeRoute>();

    private sealed class ProbeRoute : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map(Path, branch => branch.Run(ProbeAsync));
            next(app);
        };

        private static async Task ProbeAsync(HttpContext context)
        {
            var auth = await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
            if (!auth.Succeeded)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            context.User = auth.Principal;
            var limiter = context.RequestServices.GetRequiredService<IngestLimiter>();
            var entries = int.Parse(context.Request.Query["entries"].FirstOrDefault() ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            var refused = entries > 0 ? await limiter.AcquireEntriesAsync(context, entries) : await limiter.AcquireRequestAsync(context);
            if (refused is not null)
            {
                await refused.ExecuteAsync(context);
                return;
            }

            await context.Response.WriteAsJsonAsync(limiter.LimitsOf(context));
        }
    }
}

public class IngestLimiterTests(LimiterProbeHub hub) : IClassFixture<LimiterProbeHub>
{
    private async Task<(string Id, string Key, JsonElement Body)> CreateKeyAsync(object? limits)
    {
        using var admin = hub.Client();
        var response = await admin.PostAsJsonAsync("/api/keys", new { name = "limits", scopes = new[] { "ingest" }, limits });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetString()!, body.GetProperty("key").GetString()!, body);
    }

    private static Task<HttpResponseMessage> ProbeAsync(HttpClient client, int entries = 0) =>
        client.GetAsync($"{LimiterProbeHub.Path}?entries={entries}");

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string error)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["error", "retry_after"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(error, body.GetProperty("error").GetString());
        var retryAfter = body.GetProperty("retry_after").GetInt32();
        Assert.InRange(retryAfter, 1, 61);
        Assert.Equal(retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task AKeyWithoutLimitsGetsSeed002sDefaults()
    {
        var (_, key, created) = await CreateKeyAsync(null);
        Assert.Equal(JsonValueKind.Null, created.GetProperty("limits").GetProperty("requests_per_minute").ValueKind);
        using var client = hub.Client(key);

        var limits = await (await ProbeAsync(client)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(60, limits.GetProperty("requests_per_minute").GetInt32());
        Assert.Equal(10_000, limits.GetProperty("entries_per_minute").GetInt32());
        Assert.Equal(10L * 1024 * 1024, limits.GetProperty("max_payload_bytes").GetInt64());
        Assert.Equal(10_000, limits.GetProperty("max_entries_per_request").GetInt32());
    }

    [Fact]
    public async Task TheSixtyFirstRequestInAMinuteIs429()
    {
        var (_, key, _) = await CreateKeyAsync(null);
        using var client = hub.Client(key);
        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await ProbeAsync(client)).StatusCode);
        }

        await AssertRefusedAsync(await ProbeAsync(client), "Rate limit exceeded: 60 requests per minute");
    }

    [Fact]
    public async Task EntriesBeyondTenThousandAMinuteAre429AndARefusedBatchCountsNothing()
    {
        var (_, key, _) = await CreateKeyAsync(null);
        using var client = hub.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await ProbeAsync(client, 6_000)).StatusCode);

        await AssertRefusedAsync(await ProbeAsync(client, 5_000), "Rate limit exceeded: 10000 entries per minute");

        Assert.Equal(HttpStatusCode.OK, (await ProbeAsync(client, 4_000)).StatusCode);
        await AssertRefusedAsync(await ProbeAsync(client, 1), "Rate limit exceeded: 10000 entries per minute");
    }

    [Fact]
    public async Task AKeysOwnLimitsOverrideTheDefaultsAndAreListed()
    {
        var (id, key, created) = await CreateKeyAsync(new { entries_per_minute = 100, max_payload_bytes = 2048 });
        Assert.Equal(100, created.GetProperty("limits").GetProperty("entries_per_minute").GetInt32());
        using var client = hub.Client(key);

        var limits = await (await ProbeAsync(client)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(60, limits.GetProperty("requests_per_minute").GetInt32());
        Assert.Equal(100, limits.GetProperty("entries_per_minute").GetInt32());
        Assert.Equal(2048, limits.GetProperty("max_payload_bytes").GetInt64());
        Assert.Equal(10_000, limits.GetProperty("max_entries_per_request").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await ProbeAsync(client, 100)).StatusCode);
        await AssertRefusedAsync(await ProbeAsync(client, 1), "Rate limit exceeded: 100 entries per minute");

        using var admin = hub.Client();
        var listed = (await admin.GetFromJsonAsync<JsonElement>("/api/keys")).EnumerateArray().Single(k => k.GetProperty("id").GetString() == id);
        var listedLimits = listed.GetProperty("limits");
        Assert.Equal(JsonValueKind.Null, listedLimits.GetProperty("requests_per_minute").ValueKind);
        Assert.Equal(100, listedLimits.GetProperty("entries_per_minute").GetInt32());
        Assert.Equal(2048, listedLimits.GetProperty("max_payload_bytes").GetInt64());
        Assert.Equal(JsonValueKind.Null, listedLimits.GetProperty("max_entries_per_request").ValueKind);
    }

    [Fact]
    public async Task NewLimitsApplyAtOnceOnTheSiloThatSetThem()
    {
        var (id, key, _) = await CreateKeyAsync(new { requests_per_minute = 2 });
        using var client = hub.Client(key);
        using var admin = hub.Client();
        Assert.Equal(HttpStatusCode.OK, (await ProbeAsync(client)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ProbeAsync(client)).StatusCode);
        await AssertRefusedAsync(await ProbeAsync(client), "Rate limit exceeded: 2 requests per minute");

        var response = await admin.PutAsJsonAsync($"/api/keys/{id}/limits", new { requests_per_minute = 1000 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1000, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("limits").GetProperty("requests_per_minute").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await ProbeAsync(client)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync($"/api/keys/{Guid.NewGuid()}/limits", new { requests_per_minute = 1 })).StatusCode);
    }

    [Fact]
    public async Task LimitsMustBePositive()
    {
        using var admin = hub.Client();
        var before = (await admin.GetFromJsonAsync<JsonElement>("/api/keys")).GetArrayLength();

        var response = await admin.PostAsJsonAsync("/api/keys", new { name = "bad", scopes = new[] { "ingest" }, limits = new { requests_per_minute = 0, max_payload_bytes = -1 } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("limits.requests_per_minute", out _));
        Assert.True(errors.TryGetProperty("limits.max_payload_bytes", out _));
        Assert.Equal(before, (await admin.GetFromJsonAsync<JsonElement>("/api/keys")).GetArrayLength());
    }
}
