using CatalogHub.Grains.Ingest;
using CatalogHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CatalogHub.IntegrationTests.Ingest;

public class IngestPurgeTests(TestHub hub) : IClassFixture<TestHub>
{
    [Fact]
    public async Task JobsPastTheirRetentionGoWithTheirResultsAndOthersStay()
    {
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        var client = hub.Client();
        var (_, old) = await client.PostAsync($"/api/v1/ingest/products/{store}", IngestTestData.Body([("p", IngestTestData.Product("Old", "OLD-1"))], idempotencyKey: $"old-{Guid.NewGuid():N}"));
        var (_, recent) = await client.PostAsync($"/api/v1/ingest/products/{store}", IngestTestData.Body([("p", IngestTestData.Product("Recent", "NEW-1"))]));
        var oldId = long.Parse(old.GetProperty("job_id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var recentId = long.Parse(recent.GetProperty("job_id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        await Sql.ScalarAsync<int>(hub.ConnectionString, "UPDATE ingest_jobs SET expires_at = now() - interval '1 second' WHERE id = $1 RETURNING 1", oldId);

        var (jobs, _) = await hub.Services.GetRequiredService<IGrainFactory>().GetGrain<IIngestPurgeGrain>(0).PurgeAsync();

        Assert.True(jobs >= 1);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT count(*) FROM ingest_jobs WHERE id = $1", oldId));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT count(*) FROM ingest_results WHERE job_id = $1", oldId));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT count(*) FROM idempotency_keys WHERE job_id = $1", oldId));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT count(*) FROM ingest_results WHERE job_id = $1", recentId));
    }

    [Fact]
    public async Task EveryHubSchedulesThePurgeReminder()
    {
        var reminders = await HubClients.EventuallyAsync(
            () => Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT count(*) FROM orleans_reminder WHERE reminder_name = 'purge'"),
            n => n == 1, TimeSpan.FromSeconds(30), "purge reminder registered");

        Assert.Equal(1L, reminders);
    }
}
