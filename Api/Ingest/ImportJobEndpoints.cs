using CatalogHub.Api.Problems;
using System.Globalization;
using CatalogHub.Api.Auth;
using CatalogHub.Api.Limits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CatalogHub.Api.Ingest;

/// <summary>
/// <c>/api/v1/admin/import-jobs/{id}</c> (seed 002, scope admin): the same jobs as <c>/api/v1/jobs</c> with integer
/// ids, their results, errors and outbox events.
/// </summary>
public static class ImportJobEndpoints
{
    private static readonly string[] OutboxStatuses = ["pending", "processing", "processed", "failed"];

    public static IEndpointRouteBuilder MapImportJobEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/admin/import-jobs").WithTags("Admin").RequireAuthorization(Scopes.Admin).RequireRequestLimit();
        group.MapGet("/{id}", GetAsync).WithName("getImportJob").WithSummary("Import job details, with sync_errors from the outbox.");
        group.MapGet("/{id}/results", ResultsAsync).WithName("getImportJobResults").WithSummary("All results, paginated (limit 1–1000, offset).");
        group.MapGet("/{id}/outbox", OutboxAsync).WithName("getImportJobOutbox")
            .WithSummary("Outbox events of the job's changes; status filter comma-separated (pending, processing, processed, failed).");
        group.MapGet("/{id}/errors", ErrorsAsync).WithName("getImportJobErrors").WithSummary("Error entries of the job.");
        return routes;
    }

    public static async Task<IResult> GetAsync(string id, IngestJobReader reader, CancellationToken ct)
    {
        if (await FindAsync(id, reader, ct) is not { } job)
        {
            return NotFound();
        }

        return TypedResults.Ok(new ImportJobResponse(IngestViews.ImportJob(job, await reader.SyncErrorsAsync(job.Id, ct))));
    }

    public static async Task<IResult> ResultsAsync(string id, string? limit, string? offset, IngestJobReader reader, CancellationToken ct)
    {
        if (await FindAsync(id, reader, ct) is not { } job)
        {
            return NotFound();
        }

        var page = Paging.Parse(limit, offset, out var errors);
        if (errors.Count > 0)
        {
            return SpecErrors.Validation(errors);
        }

        var (rows, total) = await reader.ResultsAsync(job.Id, null, page.Limit, page.Offset, ct);
        return TypedResults.Ok(new ImportJobResultsBody([.. rows.Select(r => IngestViews.ImportResult(r, job.Id))], new TotalPagination(page.Limit, page.Offset, total)));
    }

    public static async Task<IResult> OutboxAsync(string id, string? status, string? limit, string? offset, IngestJobReader reader, CancellationToken ct)
    {
        if (await FindAsync(id, reader, ct) is not { } job)
        {
            return NotFound();
        }

        var page = Paging.Parse(limit, offset, out var errors);
        var statuses = status?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (statuses?.FirstOrDefault(s => !OutboxStatuses.Contains(s, StringComparer.Ordinal)) is { } unknown)
        {
            errors.Add(new FieldError("status", $"'{unknown}' is not one of: {string.Join(", ", OutboxStatuses)}"));
        }

        if (errors.Count > 0)
        {
            return SpecErrors.Validation(errors);
        }

        var (events, total) = await reader.OutboxAsync(job.Id, statuses is { Length: > 0 } ? statuses : null, page.Limit, page.Offset, ct);
        return TypedResults.Ok(new ImportJobOutboxBody(events, new TotalPagination(page.Limit, page.Offset, total)));
    }

    public static async Task<IResult> ErrorsAsync(string id, IngestJobReader reader, CancellationToken ct)
    {
        if (await FindAsync(id, reader, ct) is not { } job)
        {
            return NotFound();
        }

        var (rows, total) = await reader.ResultsAsync(job.Id, "error", int.MaxValue, 0, ct);
        return TypedResults.Ok(new ImportJobErrorsBody([.. rows.Select(r => IngestViews.ImportResult(r, job.Id))], total));
    }

    private static async Task<JobRow?> FindAsync(string id, IngestJobReader reader, CancellationToken ct) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var jobId) ? await reader.FindAsync(jobId, ct) : null;

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<ErrorResponse> NotFound() => SpecErrors.NotFound("Import job not found");
}
