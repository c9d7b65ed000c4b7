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

/// <summary>Body of <c>POST /api/suppliers/{id}/import</c> (seed 000).</summary>
public sealed record ImportBody(string? Mode, int? Limit, IReadOnlyList<string>? ExplicitList);

/// <summary>The 202 answer of an import: poll <c>GET /api/sync-jobs/{sync_job_id}</c>.</summary>
public sealed record ImportAccepted(Guid SyncJobId, string Status);
