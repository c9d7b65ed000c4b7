namespace CatalogHub.Grains.Callbacks;

/// <summary>
/// Where a job reports its end: <see cref="Url"/>, signed with the callback secret of the API key
/// <see cref="ApiKeyId"/> that started it (stored with the job).
/// </summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Callbacks.JobCallback")]
public sealed record JobCallback([property: Id(0)] string Url, [property: Id(1)] Guid ApiKeyId);

/// <summary>The kinds of job that call back when they end.</summary>
public enum CallbackJobKind
{
    SyncJob,
    IngestJob,
    FeedImport,
}
