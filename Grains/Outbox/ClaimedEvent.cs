namespace CatalogHub.Grains.Outbox;

/// <summary>An outbox event a dispatcher claimed (status <c>processing</c> under its lease).</summary>
/// <param name="IngestKind">The ingestion job's kind (products, pos, inventory, prices) when the event came from one.</param>
/// <param name="Catalog">The product's catalog (product events).</param>
/// <param name="Key">The product's key in its catalog (product events, from the payload).</param>
public sealed record ClaimedEvent(
    long Seq,
    Guid Id,
    string AggregateType,
    Guid AggregateId,
    int AggregateVersion,
    string EventType,
    string SourceKind,
    string? SourceRef,
    DateTimeOffset CreatedAt,
    int Attempts,
    int MaxAttempts,
    string? CallbackUrl,
    string Payload,
    string? IngestKind,
    string Catalog,
    string? Key)
{
    /// <summary>Job callbacks are delivered one by one with their own payload; everything else is a product's change.</summary>
    public bool IsCallback => CallbackUrl is not null;

    /// <summary>What this event changed, for a channel that sends only what it must.</summary>
    public ChangeKinds Changes => IngestKind switch
    {
        "inventory" => ChangeKinds.Inventory,
        "prices" => ChangeKinds.Price,
        _ => ChangeKinds.Product,
    };
}

/// <summary>
/// One delivery's events: a product's pending events coalesced (delivered once, as the latest of them, with the
/// product's current state), or one job callback.
/// </summary>
public sealed record DeliveryGroup(IReadOnlyList<ClaimedEvent> Events)
{
    /// <summary>The event the delivery is sent as (its id is what receivers de-duplicate on).</summary>
    public ClaimedEvent Latest => Events[^1];

    public ChangeKinds Changes => Events.Aggregate(ChangeKinds.None, (all, e) => all | e.Changes);
}

/// <summary>Groups claimed events into deliveries; pure, so unit tests reach it.</summary>
public static class DeliveryPlanner
{
    /// <summary>
    /// Callbacks one per group; product events by aggregate, oldest first within a group; groups in the order of
    /// their first event, so deliveries go out roughly in commit order.
    /// </summary>
    public static IReadOnlyList<DeliveryGroup> Group(IEnumerable<ClaimedEvent> events)
    {
        var groups = new List<List<ClaimedEvent>>();
        var byAggregate = new Dictionary<Guid, List<ClaimedEvent>>();
        foreach (var e in events.OrderBy(e => e.Seq))
        {
            if (e.IsCallback)
            {
                groups.Add([e]);
            }
            else if (byAggregate.TryGetValue(e.AggregateId, out var group))
            {
                group.Add(e);
            }
            else
            {
                byAggregate[e.AggregateId] = group = [e];
                groups.Add(group);
            }
        }

        return [.. groups.Select(g => new DeliveryGroup(g))];
    }
}
