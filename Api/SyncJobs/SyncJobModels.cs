using System.ComponentModel;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace CatalogHub.Api.SyncJobs;

/// <summary>
/// Seed 001's SyncJobRead, plus progress (<c>processed</c>, <c>progress_percent</c>, <c>eta_seconds</c> while
/// running), what the job was asked for (<c>limit</c>, <c>explicit_list</c>, <c>changed_since</c>) and the
/// manual <c>error_log</c>. <c>errors</c> is <c>[{phase, ref, code, msg}]</c>.
/// </summary>
public sealed record SyncJobRead(
    Guid Id,
    Guid SupplierId,
    string SupplierName,
    string JobType,
    string Status,
    string DiscoveryMode,
    int TotalProducts,
    int SuccessCount,
    int FailedCount,
    int RecordsProcessed,
    JsonElement Errors,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    int Processed,
    double ProgressPercent,
    int? EtaSeconds,
    int? Limit,
    IReadOnlyList<string>? ExplicitList,
    DateTimeOffset? ChangedSince,
    string? ErrorLog);

/// <summary>A validated list query.</summary>
public sealed record SyncJobFilter(string? Status, string? JobType, Guid? SupplierId, int Limit);

/// <summary>The query string of <c>GET /api/sync-jobs</c>, bound as strings so a bad value is a 422 naming it.</summary>
public sealed class SyncJobListParameters
{
    [FromQuery(Name = "status"), Description("pending, running, success, partial_success or failed.")]
    public string? Status { get; init; }

    [FromQuery(Name = "job_type"), Description("e.g. import:full_sellable.")]
    public string? JobType { get; init; }

    [FromQuery(Name = "supplier_id"), Description("Only jobs of this supplier (UUID).")]
    public string? SupplierId { get; init; }

    [FromQuery(Name = "limit"), Description("Jobs to return, newest first (default 100, at most 1000).")]
    public string? Limit { get; init; }
}

/// <summary>Seed 001's PATCH fields as query parameters (the seed's form); a JSON body with the same names works too.</summary>
public sealed class SyncJobPatchParameters
{
    [FromQuery(Name = "status"), Description("success, partial_success or failed; failed on an active job cancels it.")]
    public string? Status { get; init; }

    [FromQuery(Name = "records_processed"), Description("A count ≥ 0 (finished jobs only).")]
    public string? RecordsProcessed { get; init; }

    [FromQuery(Name = "error_log"), Description("Free text.")]
    public string? ErrorLog { get; init; }

    [FromQuery(Name = "completed_at"), Description("ISO 8601 time.")]
    public string? CompletedAt { get; init; }
}

/// <summary>The same fields as a JSON body.</summary>
public sealed record SyncJobPatchBody(string? Status, JsonElement RecordsProcessed, string? ErrorLog, string? CompletedAt);
