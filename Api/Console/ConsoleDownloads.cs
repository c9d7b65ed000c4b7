using System.Globalization;
using CatalogHub.Api.Auth;
using CatalogHub.Api.Ingest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CatalogHub.Api.Console;

/// <summary>
/// Files the console offers: the failed entries of an ingestion job as JSON or CSV. They read what
/// <c>GET /api/v1/jobs/{id}/errors</c> reads, with the same store restriction.
/// </summary>
public static class ConsoleDownloads
{
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/console/ingest-jobs").WithTags("Console").RequireAuthorization(ConsoleExtensions.PolicyName).ExcludeFromDescription();
        group.MapGet("/{id:long}/failed.json", (long id, HttpContext http, IngestJobReader reader, CancellationToken ct) =>
            FailedAsync(id, "json", http, reader, ct));
        group.MapGet("/{id:long}/failed.csv", (long id, HttpContext http, IngestJobReader reader, CancellationToken ct) =>
            FailedAsync(id, "csv", http, reader, ct));
        // The stored feed of a failed import: GET /api/v1/imports/{id}/feed's handler, for read keys too.
        routes.MapGet("/console/feed-imports/{id:long}/feed", (long id, HttpContext http, Imports.ImportReader reader, CancellationToken ct) =>
                Imports.ImportEndpoints.FeedAsync(id.ToString(CultureInfo.InvariantCulture), http, reader, ct))
            .WithTags("Console").RequireAuthorization(ConsoleExtensions.PolicyName).ExcludeFromDescription();
        return routes;
    }

    public static async Task<IResult> FailedAsync(long id, string format, HttpContext http, IngestJobReader reader, CancellationToken ct)
    {
        if (await reader.FindAsync(id, ct) is not { } job)
        {
            return TypedResults.NotFound();
        }

        if (!IngestViews.CanRead(http.User, job))
        {
            return TypedResults.Forbid();
        }

        var (rows, _) = await reader.ResultsAsync(id, "error", int.MaxValue, 0, ct);
        var name = $"ingest-job-{id.ToString(CultureInfo.InvariantCulture)}-failed.{format}";
        return format == "csv"
            ? TypedResults.File(FailedEntriesFile.Csv(rows), "text/csv; charset=utf-8", name)
            : TypedResults.File(FailedEntriesFile.Json(rows), "application/json", name);
    }
}
