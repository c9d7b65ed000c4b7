using System.Globalization;
using System.Text.Json;
using CatalogHub.Grains.SyncJobs;

namespace CatalogHub.Api.SyncJobs;

/// <summary>The sync-jobs API's rules: list filters, manual updates, progress. Pure.</summary>
public static class SyncJobRules
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    public const int MaxErrorLog = 100_000;

    public static (SyncJobFilter? Filter, Dictionary<string, string[]> Errors) ParseList(SyncJobListParameters q)
    {
        var errors = new Dictionary<string, string[]>();
        var status = Given(q.Status);
        if (status is not null && !SyncJobStatuses.All.Contains(status))
        {
            errors["status"] = [$"status must be one of {string.Join(", ", SyncJobStatuses.All)}"];
        }

        var jobType = Given(q.JobType);
        if (jobType is { Length: > 100 })
        {
            errors["job_type"] = ["job_type must be at most 100 characters"];
        }

        Guid? supplier = null;
        if (Given(q.SupplierId) is { } s)
        {
            if (Guid.TryParse(s, out var id))
            {
                supplier = id;
            }
            else
            {
                errors["supplier_id"] = ["supplier_id must be a UUID"];
            }
        }

        var limit = DefaultLimit;
        if (Given(q.Limit) is { } l && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit > MaxLimit))
        {
            errors["limit"] = [$"limit must be an integer from 0 to {MaxLimit}"];
        }

        return errors.Count > 0 ? (null, errors) : (new SyncJobFilter(status, jobType, supplier, limit), errors);
    }

    /// <summary>The patch the query and/or body ask for (query wins), or the fields that are wrong.</summary>
    public static (SyncJobPatch? Patch, Dictionary<string, string[]> Errors) ParsePatch(SyncJobPatchParameters q, SyncJobPatchBody? body)
    {
        var errors = new Dictionary<string, string[]>();
        var status = Given(q.Status) ?? Given(body?.Status);
        if (status is not null && !SyncJobStatuses.IsTerminal(status))
        {
            errors["status"] = ["status can be set to success, partial_success or failed"];
        }

        int? records = null;
        var recordsText = Given(q.RecordsProcessed);
        if (recordsText is null && body is { RecordsProcessed.ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) })
        {
            recordsText = body.RecordsProcessed.GetRawText();
        }

        if (recordsText is not null)
        {
            if (int.TryParse(recordsText, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                records = n;
            }
            else
            {
                errors["records_processed"] = ["records_processed must be an integer ≥ 0"];
            }
        }

        var log = q.ErrorLog ?? body?.ErrorLog;
        if (log is not null && (log.Length > MaxErrorLog || log.Contains('\0', StringComparison.Ordinal)))
        {
            errors["error_log"] = [$"error_log must be at most {MaxErrorLog} characters of text"];
        }

        DateTimeOffset? completed = null;
        if ((Given(q.CompletedAt) ?? Given(body?.CompletedAt)) is { } c)
        {
            if (DateTimeOffset.TryParse(c, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                completed = at.ToUniversalTime();
            }
            else
            {
                errors["completed_at"] = ["completed_at must be an ISO 8601 time"];
            }
        }

        if (errors.Count == 0 && status is null && records is null && log is null && completed is null)
        {
            errors["status"] = ["give status, records_processed, error_log or completed_at"];
        }

        return errors.Count > 0 ? (null, errors) : (new SyncJobPatch(status, records, log, completed), errors);
    }

    /// <summary>
    /// Progress of a job: processed = succeeded + failed; percent of the discovered total; while running, the
    /// seconds left at the rate since hydration (re)started, null before there is a rate.
    /// </summary>
    public static (int Processed, double Percent, int? EtaSeconds) Progress(
        string status, int total, int succeeded, int failed, DateTimeOffset? hydrateStartedAt, int hydrateStartedProcessed, DateTimeOffset now)
    {
        var processed = succeeded + failed;
        var percent = total > 0 ? Math.Round(Math.Min(100.0, processed * 100.0 / total), 1) : SyncJobStatuses.IsTerminal(status) ? 100.0 : 0.0;
        int? eta = null;
        var done = processed - hydrateStartedProcessed;
        if (status == SyncJobStatuses.Running && hydrateStartedAt is { } since && done > 0 && total >= processed)
        {
            var elapsed = (now - since).TotalSeconds;
            eta = elapsed > 0 ? (int)Math.Ceiling((total - processed) * elapsed / done) : null;
        }

        return (processed, percent, eta);
    }

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
