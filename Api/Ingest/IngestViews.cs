using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using CatalogHub.Api.Auth;
using CatalogHub.Grains.Ingest;

namespace CatalogHub.Api.Ingest;

/// <summary>Stored and live ingestion results in the contract's shapes.</summary>
public static class IngestViews
{
    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static EntryResultBody Result(EntryOutcome o) => o.Failed
        ? new EntryResultBody(o.EntryId, "error", null, null, null, Error(o.Error!))
        : new EntryResultBody(o.EntryId, "success", Action(o.Outcome), o.ProductNumber is > 0 ? o.ProductNumber : null, [.. (o.VariantNumbers ?? []).Where(n => n > 0)], null);

    public static EntryResultBody Result(ResultRow r) => new(
        r.EntryId ?? "",
        r.Status,
        r.Action,
        r.ProductId is > 0 ? r.ProductId : null,
        r.Status == "success" ? [.. (r.VariantIds ?? []).Where(n => n > 0)] : null,
        r.ErrorType is null ? null : new EntryErrorBody(r.ErrorType, r.ErrorMessage ?? "", r.ErrorField));

    public static ErrorEntryBody ErrorEntry(ResultRow r) => new(
        r.EntryId ?? "",
        new EntryErrorBody(r.ErrorType ?? "validation", r.ErrorMessage ?? "", r.ErrorField),
        JsonSerializer.Deserialize<JsonElement>(r.Data ?? "{}"));

    public static ImportResultBody ImportResult(ResultRow r, long jobId) => new(
        r.Id, jobId, r.Row, r.EntryId, r.Status, r.Action, r.ProductId is > 0 ? r.ProductId : null,
        r.Status == "success" ? [.. (r.VariantIds ?? []).Where(n => n > 0)] : null, r.ErrorType, r.ErrorMessage, r.ErrorField, r.CreatedAt);

    public static JobSummaryBody Summary(JobRow j) => new(j.Total, j.Succeeded, j.Created, j.Updated, j.Errors);

    public static JobSummaryBody Summary(IngestJobState s) => new(s.Total, s.Succeeded, s.Created, s.Updated, s.Errors);

    public static JobStatusBody Status(JobRow j) => new(
        Id(j.Id), j.Status, j.CreatedAt, j.UpdatedAt, j.CompletedAt,
        j.CompletedAt is not null || j.Total == 0 ? 100 : Math.Min(100, (j.Succeeded + j.Errors) * 100 / j.Total),
        Summary(j));

    public static ImportJobBody ImportJob(JobRow j, int syncErrors) => new(
        j.Id, null, null, FileType(j.Kind), "api", j.Status, j.Total, j.Succeeded, j.Errors, syncErrors, j.ErrorMessage,
        j.IdempotencyKey, j.StoreId, j.CreatedAt, j.UpdatedAt);

    /// <summary>Seed 002's file_type of an API import.</summary>
    public static string FileType(string kind) => kind switch
    {
        "products" => "api_product",
        "pos" => "api_pos",
        "inventory" => "api_inventory",
        _ => "api_price",
    };

    /// <summary>
    /// Whether <paramref name="user"/> may see <paramref name="job"/>: any key without a store restriction; a
    /// restricted key its own jobs and those of its stores.
    /// </summary>
    public static bool CanRead(ClaimsPrincipal user, JobRow job)
    {
        return StoreAccess.StoresOf(user) is null
            || (job.ApiKeyId is { } owner && user.FindFirstValue(ClaimTypes.NameIdentifier) == owner.ToString())
            || (job.StoreNumber is { } store && StoreAccess.Allows(user, store));
    }

    private static EntryErrorBody Error(EntryError e) => new(e.Type.ToString().ToLowerInvariant(), e.Message, e.Field);

    private static string? Action(CommandOutcome outcome) => outcome switch
    {
        CommandOutcome.Created => "created",
        CommandOutcome.Updated => "updated",
        CommandOutcome.Unchanged => "unchanged",
        _ => null,
    };
}
