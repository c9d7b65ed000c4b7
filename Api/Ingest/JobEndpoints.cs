using CatalogHub.Api.Problems;
using System.Globalization;
using CatalogHub.Api.Auth;
using CatalogHub.Api.Limits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CatalogHub.Api.Ingest;

/// <summary>
/// <c>/api/v1/jobs/{job_id}</c> (seed 002): status and summary, results in submission order, errors with their
/// original data. Job ids are integers as strings; anything else names no job (404). A store-restricted key sees
/// only its own jobs and those of its stores (403).
/// </summary>
public static class JobEndpoints
{
    /// <summary>The <c>error</c> of a 404 for a job id that names no job (the spec's NotFound example).</summary>
    public const string JobNotFound = "Job not found";

    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/jobs").WithTags("Jobs").RequireAuthorization(Scopes.Ingest).RequireRequestLimit();
        group.MapGet("/{job_id}", GetAsync).WithName("getJobStatus").WithSummary("Job status, progress and summary.");
        group.MapGet("/{job_id}/results", ResultsAsync).WithName("getJobResults")
            .WithSummary("Per-entry results in submission order; status filter (success, error, skipped), limit 1–1000 (default 100), offset.");
        group.MapGet("/{job_id}/errors", ErrorsAsync).WithName("getJobErrors").WithSummary("Failed entries with their original data.");
        return routes;
    }

    public static async Task<IResult> GetAsync(string job_id, HttpContext http, IngestJobReader reader, CancellationToken ct)
    {
        var (job, denied) = await FindAsync(job_id, http, reader, ct);
        return denied ?? TypedResults.Ok(IngestViews.Status(job!));
    }

    public static async Task<IResult> ResultsAsync(string job_id, string? status, string? limit, string? offset, HttpContext http, IngestJobReader reader, CancellationToken ct)
    {
        var (job, denied) = await FindAsync(job_id, http, reader, ct);
        if (denied is not null)
        {
            return denied;
        }

        var page = Paging.Parse(limit, offset, out var errors);
        if (status is not (null or "success" or "error" or "skipped"))
        {
            errors.Add(new FieldError("status", "must be one of: success, error, skipped"));
        }

        if (errors.Count > 0)
        {
            return SpecErrors.Validation(errors);
        }

        var (rows, total) = await reader.ResultsAsync(job!.Id, status, page.Limit, page.Offset, ct);
        return TypedResults.Ok(new JobResultsBody(
            IngestViews.Id(job.Id), total, [.. rows.Select(IngestViews.Result)], new PaginationBody(page.Limit, page.Offset, page.Offset + rows.Count < total)));
    }

    public static async Task<IResult> ErrorsAsync(string job_id, HttpContext http, IngestJobReader reader, CancellationToken ct)
    {
        var (job, denied) = await FindAsync(job_id, http, reader, ct);
        if (denied is not null)
        {
            return denied;
        }

        var (rows, total) = await reader.ResultsAsync(job!.Id, "error", int.MaxValue, 0, ct);
        return TypedResults.Ok(new JobErrorsBody(IngestViews.Id(job.Id), total, [.. rows.Select(IngestViews.ErrorEntry)]));
    }

    private static async Task<(JobRow? Job, IResult? Denied)> FindAsync(string jobId, HttpContext http, IngestJobReader reader, CancellationToken ct)
    {
        if (!long.TryParse(jobId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || await reader.FindAsync(id, ct) is not { } job)
        {
            return (null, SpecErrors.NotFound(JobEndpoints.JobNotFound));
        }

        return IngestViews.CanRead(http.User, job)
            ? (job, null)
            : (null, SpecErrors.Forbidden("The API key may not read jobs of this store"));
    }
}
