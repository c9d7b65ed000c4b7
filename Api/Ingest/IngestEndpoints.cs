using CatalogHub.Api.Problems;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.ComponentModel;
using CatalogHub.Api.Auth;
using CatalogHub.Api.Callbacks;
using Microsoft.AspNetCore.Mvc;
using CatalogHub.Api.Limits;
using CatalogHub.Grains.Ingest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;

namespace CatalogHub.Api.Ingest;

/// <summary>
/// <c>/api/v1/ingest/*</c> (seed 002): a batch is checked (size, JSON, envelope), accepted as a job (idempotency
/// key claimed in the same transaction) and run by its <see cref="IIngestJobGrain"/> — inline for at most
/// <see cref="IngestOptions.SyncMaxEntries"/> entries (200 / 207 / 400), in the background otherwise (202).
/// </summary>
public static class IngestEndpoints
{
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static IEndpointRouteBuilder MapIngestEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/ingest").WithTags("Ingestion").RequireAuthorization(Scopes.Ingest).WithOwnBodyLimit();
        group.MapPost("/products/{store_number}", (string store_number, [FromQuery(Name = "callback_url"), Description(CallbackDoc.Parameter)] string? callbackUrl, HttpContext http, CancellationToken ct) => IngestAsync(IngestKind.Products, store_number, callbackUrl, http, ct))
            .WithName("ingestProducts").WithSummary("Ingest products with variants (seed 002).");
        group.MapPost("/pos/{store_number}", (string store_number, [FromQuery(Name = "callback_url"), Description(CallbackDoc.Parameter)] string? callbackUrl, HttpContext http, CancellationToken ct) => IngestAsync(IngestKind.Pos, store_number, callbackUrl, http, ct))
            .WithName("ingestPOS").WithSummary("Ingest POS product updates: one product, one variant each (seed 002).");
        group.MapPost("/inventory/{store_number}", (string store_number, [FromQuery(Name = "callback_url"), Description(CallbackDoc.Parameter)] string? callbackUrl, HttpContext http, CancellationToken ct) => IngestAsync(IngestKind.Inventory, store_number, callbackUrl, http, ct))
            .WithName("ingestInventory").WithSummary("Ingest inventory levels, mode initial (absolute) or delta (seed 002).");
        group.MapPost("/prices", ([FromQuery(Name = "callback_url"), Description(CallbackDoc.Parameter)] string? callbackUrl, HttpContext http, CancellationToken ct) => IngestAsync(IngestKind.Prices, null, callbackUrl, http, ct))
            .WithName("ingestPrices").WithSummary("Ingest price updates, types R / S / C / CS (seed 002).");
        // callback_url (every endpoint): the job's end is POSTed there; a 202 batch defaults to the key's callback_url.
        return routes;
    }

    public static async Task<IResult> IngestAsync(IngestKind kind, string? storeNumber, string? callbackUrl, HttpContext http, CancellationToken ct)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<IngestOptions>>().Value;
        var limiter = services.GetRequiredService<IngestLimiter>();
        var user = http.User;
        if (storeNumber is not null && !StoreAccess.Allows(user, storeNumber))
        {
            return SpecErrors.StoreForbidden(storeNumber);
        }

        if (await limiter.AcquireRequestAsync(http) is { } tooManyRequests)
        {
            return tooManyRequests;
        }

        var limits = limiter.LimitsOf(http);
        var body = await IngestBodyReader.ReadAsync(http.Request, limits.MaxPayloadBytes, ct);
        if (body is null)
        {
            return SpecErrors.Error(StatusCodes.Status413PayloadTooLarge, $"Payload exceeds {PayloadLimitText(limits.MaxPayloadBytes)} limit");
        }

        IngestEnvelope? envelope;
        IReadOnlyList<FieldError> errors;
        try
        {
            (envelope, errors) = IngestEnvelope.Parse(body, kind, limits.MaxEntriesPerRequest);
        }
        catch (JsonException e)
        {
            return SpecErrors.Error(StatusCodes.Status400BadRequest, $"Malformed JSON: {e.Message}");
        }

        if (envelope is null)
        {
            return SpecErrors.Validation(errors);
        }

        // A batch answered 202 calls back by default; a synchronous one only when its request names a callback_url.
        var isAsync = envelope.Entries > options.SyncMaxEntries;
        var (callback, callbackError) = await services.GetRequiredService<CallbackChooser>().ChooseAsync(user, callbackUrl, useDefault: isAsync, ct);
        if (callbackError is not null)
        {
            return SpecErrors.Validation([new FieldError(CallbackRules.UrlField, callbackError)]);
        }

        if (await limiter.AcquireEntriesAsync(http, envelope.Entries) is { } tooManyEntries)
        {
            return tooManyEntries;
        }

        var keyId = Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var spec = new IngestJobSpec(kind, storeNumber, envelope.Entries, envelope.ValidateOnly, envelope.ForceSync, envelope.InitialInventory, StoreAccess.StoresOf(user));
        var creator = services.GetRequiredService<IngestJobCreator>();
        var acceptance = await creator.AcceptAsync(
            new NewIngestJob(spec, keyId, envelope.IdempotencyKey, envelope.IdempotencyKey is null ? [] : RequestHash(kind, storeNumber, body), isAsync ? body : null, callback?.Url),
            options.Retention, options.IdempotencyWindow, ct);
        switch (acceptance.Kind)
        {
            case AcceptanceKind.Mismatch:
                return SpecErrors.Validation([new FieldError("idempotency_key", "was already used with a different request")]);
            case AcceptanceKind.InProgress:
                return await RepeatOfUnfinishedAsync(acceptance.JobId, keyId, envelope.IdempotencyKey!, body, creator, http, ct);
            case AcceptanceKind.Replayed:
                http.Response.Headers[ReplayedHeader] = "true";
                return await ReplayAsync(acceptance.JobId, http, ct);
        }

        var grain = services.GetRequiredService<IGrainFactory>().GetGrain<IIngestJobGrain>(acceptance.JobId);
        if (isAsync)
        {
            await grain.StartAsync(spec, body);
            return Accepted(acceptance.JobId, envelope.Entries, http);
        }

        IngestJobRun run;
        try
        {
            run = await grain.RunAsync(spec, body);
        }
        catch when (envelope.IdempotencyKey is not null)
        {
            await creator.ReleaseAsync(keyId, envelope.IdempotencyKey, CancellationToken.None);
            throw;
        }

        if (envelope.IdempotencyKey is { } key)
        {
            await creator.SettleAsync(keyId, key, CancellationToken.None);
        }

        return SyncAnswer(IngestViews.Id(acceptance.JobId), run.State.Status, IngestViews.Summary(run.State), [.. run.Results.Select(IngestViews.Result)]);
    }

    /// <summary>The answer of a synchronous batch: 200 all succeeded, 207 some failed, 400 all failed (the contract's BadRequest body).</summary>
    public static IResult SyncAnswer(string jobId, string status, JobSummaryBody summary, IReadOnlyList<EntryResultBody> results)
    {
        var failed = results.Count(r => r.Status == "error");
        if (failed > 0 && failed == results.Count)
        {
            return TypedResults.Json(
                new BadRequestBody("All entries failed validation", jobId, [.. results.Select(r => new BadRequestDetail(r.EntryId, r.Error!.Type, r.Error.Message, r.Error.Field))]),
                statusCode: StatusCodes.Status400BadRequest);
        }

        return TypedResults.Json(new SyncIngestResponse(jobId, status, summary, results), statusCode: failed > 0 ? StatusCodes.Status207MultiStatus : StatusCodes.Status200OK);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<AsyncIngestResponse> Accepted(long jobId, int entries, HttpContext http)
    {
        var id = IngestViews.Id(jobId);
        var root = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/api/v1/jobs/{id}";
        return TypedResults.Json(
            new AsyncIngestResponse(id, "pending", $"Batch of {entries} entries accepted for processing", new JobLinks(root, root + "/results")),
            statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The first answer again: 202 for an async job, the stored results for a synchronous one.</summary>
    /// <summary>
    /// A repeat of a synchronous batch whose idempotency key still waits for its answer: 409 while the first run is
    /// alive (or while its silo is not yet known to be gone). When that run was lost with its silo, the job finishes
    /// here from its checkpoint with this request's body (the same request: the key checked its hash), each entry
    /// exactly once, and this repeat gets the whole batch's answer. Without it the key answered 409 for its whole window.
    /// </summary>
    private static async Task<IResult> RepeatOfUnfinishedAsync(
        long jobId, Guid keyId, string key, byte[] body, IngestJobCreator creator, HttpContext http, CancellationToken ct)
    {
        var inProgress = SpecErrors.Conflict("A request with this idempotency key is still being processed");
        var grain = http.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IIngestJobGrain>(jobId);
        try
        {
            if (jobId == 0 || await grain.IsRunningAsync() || !await grain.ResumeAsync(body))
            {
                return inProgress;
            }
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            // The grain's activation is on a silo the cluster has not declared dead yet: ask again later.
            return inProgress;
        }

        await creator.SettleAsync(keyId, key, CancellationToken.None);
        return await ReplayAsync(jobId, http, ct);
    }

    private static async Task<IResult> ReplayAsync(long jobId, HttpContext http, CancellationToken ct)
    {
        var reader = http.RequestServices.GetRequiredService<IngestJobReader>();
        var job = await reader.FindAsync(jobId, ct);
        if (job is null)
        {
            return SpecErrors.NotFound(JobEndpoints.JobNotFound);
        }

        if (job.IsAsync)
        {
            return Accepted(jobId, job.Total, http);
        }

        var (rows, _) = await reader.ResultsAsync(jobId, null, Math.Max(job.Total, 1), 0, ct);
        return SyncAnswer(IngestViews.Id(jobId), job.Status, IngestViews.Summary(job), [.. rows.Select(IngestViews.Result)]);
    }

    /// <summary>The request's identity for its idempotency key: endpoint, store and the exact body (hashed only when a key is given).</summary>
    private static byte[] RequestHash(IngestKind kind, string? storeNumber, byte[] body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{IngestJobSpecJson.KindName(kind)}\n{storeNumber}\n"));
        hash.AppendData(body);
        return hash.GetHashAndReset();
    }

    /// <summary>"10MB" for the contract's default; bytes for limits that are not whole megabytes.</summary>
    private static string PayloadLimitText(long bytes) =>
        bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)}MB" : $"{bytes} bytes";
}
