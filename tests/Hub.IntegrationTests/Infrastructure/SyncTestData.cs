using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CatalogHub.Grains.SyncJobs;
using CatalogHub.TestAdapter;

namespace CatalogHub.IntegrationTests.Infrastructure;

/// <summary>Arrange and wait helpers for supplier and sync-job tests, all through the HTTP API.</summary>
public static class SyncTestData
{
    public static readonly TimeSpan JobDeadline = TimeSpan.FromSeconds(60);

    /// <summary>Creates a scripted supplier with <paramref name="settings"/> (its adapter_config) and returns its id.</summary>
    public static async Task<Guid> CreateSupplierAsync(this TestHub hub, object settings, int concurrency = 8, decimal? rate = null, object? schedules = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["name"] = $"Scripted {Guid.NewGuid():N}"[..20],
            ["adapter"] = ScriptedAdapterFactory.AdapterName,
            ["adapter_config"] = settings,
            ["hydrate_concurrency"] = concurrency,
            ["max_requests_per_second"] = rate,
            ["schedules"] = schedules,
        };
        return (await hub.SendAsync(HttpMethod.Post, "/api/suppliers", body, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    /// <summary>Replaces the supplier's adapter settings.</summary>
    public static Task ScriptAsync(this TestHub hub, Guid supplier, object settings) =>
        hub.SendAsync(HttpMethod.Patch, $"/api/suppliers/{supplier}", new { adapter_config = settings }, HttpStatusCode.OK);

    /// <summary>Starts an import (expecting 202) and returns the job id.</summary>
    public static async Task<Guid> ImportAsync(this TestHub hub, Guid supplier, string mode = "full_sellable", int? limit = null, string[]? list = null)
    {
        var accepted = await hub.SendAsync(
            HttpMethod.Post, $"/api/suppliers/{supplier}/import", new { mode, limit, explicit_list = list }, HttpStatusCode.Accepted);
        Assert.Equal("pending", accepted.GetProperty("status").GetString());
        return accepted.GetProperty("sync_job_id").GetGuid();
    }

    public static Task<JsonElement> JobAsync(this TestHub hub, Guid job) => hub.GetJsonAsync($"/api/sync-jobs/{job}");

    /// <summary>Polls the job until it ended; returns it.</summary>
    public static Task<JsonElement> FinishedAsync(this TestHub hub, Guid job) => HubClients.EventuallyAsync(
        () => hub.JobAsync(job), j => SyncJobStatuses.IsTerminal(j.GetProperty("status").GetString()!), JobDeadline, $"job {job} ends");

    /// <summary>Imports and waits for the end.</summary>
    public static async Task<JsonElement> SyncAsync(this TestHub hub, Guid supplier, string mode = "full_sellable", int? limit = null, string[]? list = null) =>
        await hub.FinishedAsync(await hub.ImportAsync(supplier, mode, limit, list));

    /// <summary>POST with a JSON body as the admin, returning the response (for status checks).</summary>
    public static async Task<HttpResponseMessage> PostAsync(this TestHub hub, string path, object? body)
    {
        using var client = hub.Client();
        return await client.PostAsJsonAsync(path, body);
    }

    public static string Status(this JsonElement job) => job.GetProperty("status").GetString()!;

    public static int Int(this JsonElement e, string name) => e.GetProperty(name).GetInt32();

    /// <summary>The job's errors as (phase, ref, code).</summary>
    public static IReadOnlyList<(string Phase, string? Ref, string? Code)> ErrorList(this JsonElement job) =>
        [.. job.GetProperty("errors").EnumerateArray().Select(e => (
            e.GetProperty("phase").GetString()!,
            e.GetProperty("ref").ValueKind == JsonValueKind.Null ? null : e.GetProperty("ref").GetString(),
            e.GetProperty("code").ValueKind == JsonValueKind.Null ? null : e.GetProperty("code").GetString()))];

    /// <summary>Hydrate calls the in-process scripted adapter received for <paramref name="supplier"/>.</summary>
    public static IReadOnlyList<ScriptedCall> Hydrations(Guid supplier) => [.. ScriptedLog.For(supplier).Where(c => c.Kind == "hydrate")];
}
