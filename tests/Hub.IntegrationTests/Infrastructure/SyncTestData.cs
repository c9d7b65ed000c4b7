using System.Net;
using CatalogHub.TestAdapter;

namespace CatalogHub.IntegrationTests.Infrastructure;

/// <summary>Arrange and wait helpers for supplier and sync-job tests, all through the HTTP API.</summary>
public static class SyncTestData
{
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
}
