namespace CatalogHub.Api.Customers;

/// <summary>Body of <c>POST /api/customers</c>.</summary>
public sealed record CreateCustomerRequest(string? Name);

/// <summary>A customer: a storefront products are selected for and pushed to.</summary>
public sealed record Customer(Guid Id, string Name, DateTimeOffset CreatedAt);

/// <summary>Body of <c>POST /api/customers/{id}/selections</c>.</summary>
public sealed record SelectProductsRequest(IReadOnlyList<Guid>? ProductIds);

/// <summary>What selecting did: new selections, and products the customer had selected already (left as they were).</summary>
public sealed record SelectionSummary(int Added, int AlreadySelected);

/// <summary>
/// One product a customer selected. <c>status</c>: <c>selected</c> (never pushed), <c>pushing</c> (pushed at
/// <c>pushed_version</c> to a customer with a delivery target, not delivered yet), <c>pushed</c> (pushed at
/// <c>pushed_version</c>, delivered when the customer has a target, still current), <c>stale</c> (the product's content
/// changed after the push).
/// </summary>
public sealed record Selection(
    Guid ProductId,
    string ProductName,
    string Status,
    int ProductVersion,
    int? PushedVersion,
    DateTimeOffset SelectedAt,
    DateTimeOffset? PushedAt,
    DateTimeOffset? StaleAt);

/// <summary>Body of <c>POST /api/customers/{id}/push</c>; without it (or without <c>product_ids</c>) every selected or stale product is pushed.</summary>
public sealed record PushRequest(IReadOnlyList<Guid>? ProductIds);

/// <summary>What a push did: how many products were pushed, and each with its version and outbox event id.</summary>
public sealed record PushSummary(Guid CustomerId, int Pushed, DateTimeOffset? PushedAt, IReadOnlyList<PushedProduct> Products);

/// <summary>One product of a push.</summary>
public sealed record PushedProduct(Guid ProductId, int Version, Guid EventId);
