using CatalogHub.Grains.Callbacks;

namespace CatalogHub.UnitTests.Callbacks;

public class JobCallbackSqlTests
{
    [Fact]
    public void EventIdsAreStablePerJobAndDifferByKind()
    {
        Assert.Equal(JobCallbackSql.EventId(CallbackJobKind.IngestJob, "42"), JobCallbackSql.EventId(CallbackJobKind.IngestJob, "42"));
        Assert.NotEqual(JobCallbackSql.EventId(CallbackJobKind.IngestJob, "42"), JobCallbackSql.EventId(CallbackJobKind.FeedImport, "42"));
        Assert.NotEqual(JobCallbackSql.EventId(CallbackJobKind.IngestJob, "42"), JobCallbackSql.EventId(CallbackJobKind.IngestJob, "43"));
    }

    [Fact]
    public void ASyncJobIsItsOwnAggregateAndIntegerIdsGetNameBasedOnes()
    {
        var job = Guid.NewGuid();
        Assert.Equal(job, JobCallbackSql.AggregateId(CallbackJobKind.SyncJob, job.ToString()));
        Assert.Equal(JobCallbackSql.AggregateId(CallbackJobKind.FeedImport, "7"), JobCallbackSql.AggregateId(CallbackJobKind.FeedImport, "7"));
        Assert.NotEqual(JobCallbackSql.EventId(CallbackJobKind.FeedImport, "7"), JobCallbackSql.AggregateId(CallbackJobKind.FeedImport, "7"));
    }

    [Theory]
    [InlineData(CallbackJobKind.SyncJob, "sync_job.completed")]
    [InlineData(CallbackJobKind.IngestJob, "ingest_job.completed")]
    [InlineData(CallbackJobKind.FeedImport, "feed_import.completed")]
    public void EventTypesNameTheJobKind(CallbackJobKind kind, string type) => Assert.Equal(type, JobCallbackSql.EventType(kind));
}
