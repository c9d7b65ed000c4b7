using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;

namespace CatalogHub.IntegrationTests.Cluster;

/// <summary>The reminder provider's queries (our migration) against the provider itself.</summary>
public class ReminderTableTests(TestHub hub) : IClassFixture<TestHub>
{
    [Fact]
    public async Task RemindersAreStoredReadByRangeAndRemoved()
    {
        var table = hub.Services.GetRequiredService<IReminderTable>();
        var grains = hub.Services.GetRequiredService<IGrainFactory>();
        var grain = grains.GetGrain<Grains.Cluster.IClusterProbeGrain>(Guid.NewGuid().ToString("N")).GetGrainId();
        var start = DateTime.UtcNow.AddMinutes(5);

        var etag = await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "nightly", StartAt = start, Period = TimeSpan.FromHours(24) });
        Assert.False(string.IsNullOrEmpty(etag));

        var read = Assert.IsType<ReminderEntry>(await table.ReadRow(grain, "nightly"));
        Assert.Equal(TimeSpan.FromHours(24), read.Period);
        Assert.Equal(start, read.StartAt, TimeSpan.FromMilliseconds(1));
        Assert.Equal(etag, read.ETag);

        var hash = grain.GetUniformHashCode();
        Assert.Contains((await table.ReadRows(hash - 1, hash)).Reminders, r => r.GrainId == grain);
        Assert.Contains((await table.ReadRows(grain)).Reminders, r => r.ReminderName == "nightly");
        if (hash is > 0 and < uint.MaxValue)
        {
            // Ranges are (begin, end]; one that wraps around the ring (begin > end) is (begin, max] + [min, end].
            Assert.DoesNotContain((await table.ReadRows(hash, hash + 1)).Reminders, r => r.GrainId == grain);
            Assert.Contains((await table.ReadRows(hash + 1, hash)).Reminders, r => r.GrainId == grain);
            Assert.DoesNotContain((await table.ReadRows(hash, hash - 1)).Reminders, r => r.GrainId == grain);
        }

        Assert.False(await table.RemoveRow(grain, "nightly", (long.Parse(read.ETag!) + 1).ToString()));
        Assert.True(await table.RemoveRow(grain, "nightly", read.ETag!));
        Assert.Empty((await table.ReadRows(grain)).Reminders);
    }
}
