using System.Text.Json.Nodes;

namespace CatalogHub.Api.Suppliers;

/// <summary>
/// A supplier as the API shows it. <c>adapter_config</c> is the adapter settings with <c>credentials</c>
/// replaced by <c>"set"</c> (or null when there are none): credentials are never returned.
/// </summary>
public sealed record SupplierRead(
    Guid Id,
    string Name,
    string? Adapter,
    JsonObject AdapterConfig,
    bool Active,
    int HydrateConcurrency,
    decimal? MaxRequestsPerSecond,
    SupplierSchedulesRead Schedules,
    DateTimeOffset? LastFullSync,
    DateTimeOffset? LastDeltaSync,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>ISO 8601 durations between scheduled imports of each mode; null: not scheduled.</summary>
public sealed record SupplierSchedulesRead(string? Delta, string? FullSellable);
