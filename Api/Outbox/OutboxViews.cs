using System.Text.Json.Serialization;
using CatalogHub.Api.Ingest;

namespace CatalogHub.Api.Outbox;

/// <summary>
/// One outbox event in the admin view: seed 002's OutboxEvent (id is the event's sequence number) with the hub's
/// stable <c>event_id</c> (what receivers de-duplicate on), its <c>target</c> and when it is tried next.
/// </summary>
public sealed record AdminOutboxEvent(
    long Id,
    Guid EventId,
    string? Target,
    string AggregateType,
    Guid AggregateId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? ProductNumber,
    string EventType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StoreNumber,
    string? SyncOperation,
    string Status,
    int Attempts,
    int MaxAttempts,
    string? ErrorMessage,
    DateTimeOffset? NextAttemptAt,
    Guid? DeliveredAs,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ProcessedAt);

public sealed record AdminOutboxPage(IReadOnlyList<AdminOutboxEvent> OutboxEvents, TotalPagination Pagination);

/// <summary>
/// A target's backlog: open and failed events, whether (and how) it is configured, and for a configured target its
/// dispatcher (the silo it runs on, whether a round runs, an ongoing outage's pause).
/// </summary>
public sealed record OutboxTargetBacklog(
    string Target,
    string? Kind,
    DateTimeOffset? DisabledAt,
    int Pending,
    int Processing,
    int Failed,
    DateTimeOffset? OldestPendingAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CatalogHub.Grains.Outbox.DispatcherStatus? Dispatcher = null);

public sealed record RetryFailedResult(int Retried);
