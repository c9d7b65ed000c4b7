namespace CatalogHub.Api.Console;

/// <summary>One ingestion job in the console's list.</summary>
public sealed record IngestJobLine(
    long Id, string Kind, string? StoreNumber, string Status, int Total, int Succeeded, int Errors, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);

/// <summary>A catalog's feed-import queue: waiting and running imports, and its latest finished one.</summary>
public sealed record FeedQueueLine(string Catalog, int Waiting, int InProgress, string? LastStatus, DateTimeOffset? LastFinishedAt);

/// <summary>Something that went wrong recently, with the console page that shows it.</summary>
public sealed record RecentError(string Kind, string Subject, string Message, DateTimeOffset At, string Link);

/// <summary>A page of rows and how many there are under the filter.</summary>
public sealed record ConsolePage<T>(IReadOnlyList<T> Rows, int Total);
