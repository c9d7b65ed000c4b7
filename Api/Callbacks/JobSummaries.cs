using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using CatalogHub.Api.Imports;
using CatalogHub.Api.Ingest;
using CatalogHub.Api.SyncJobs;
using CatalogHub.Grains.Callbacks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CatalogHub.Api.Callbacks;

/// <summary>
/// A job's callback payload: what <c>GET /api/sync-jobs/{id}</c>, <c>GET /api/v1/jobs/{job_id}</c> or
/// <c>GET /api/v1/imports/{id}</c> answers, from the same readers and views, serialized with the API's JSON settings.
/// </summary>
public sealed class JobSummaries(ImportReader imports, IOptions<JsonOptions> json) : IJobSummaries
{
    public async Task<string?> ReadAsync(CallbackJobKind kind, string jobId, DbTransaction transaction, CancellationToken ct)
    {
        var tx = (NpgsqlTransaction)transaction;
        object? view = kind switch
        {
            CallbackJobKind.SyncJob => await SyncJobReader.GetAsync(Guid.Parse(jobId), tx, ct),
            CallbackJobKind.IngestJob => await IngestJobReader.FindAsync(Id(jobId), tx, ct) is { } job ? IngestViews.Status(job) : null,
            _ => await imports.FindAsync(Id(jobId), tx, ct),
        };
        return view is null ? null : JsonSerializer.Serialize(view, view.GetType(), json.Value.SerializerOptions);
    }

    private static long Id(string jobId) => long.Parse(jobId, NumberStyles.None, CultureInfo.InvariantCulture);
}
