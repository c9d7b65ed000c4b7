using System.ComponentModel;
using System.Security.Claims;
using CatalogHub.Api.Auth;
using CatalogHub.Api.Callbacks;
using CatalogHub.Api.Problems;
using CatalogHub.Api.Suppliers;
using CatalogHub.Grains.Suppliers;
using CatalogHub.Grains.SyncJobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Orleans;

namespace CatalogHub.Api.SyncJobs;

/// <summary>
/// <c>/api/sync-jobs</c> (seed 001): jobs listed and read from the <c>sync_jobs</c> table; retry, cancel and
/// manual updates go through the supplier's and the job's grains.
/// </summary>
public static class SyncJobEndpoints
{
    public static IEndpointRouteBuilder MapSyncJobEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/sync-jobs").WithTags("Sync jobs").RequireAuthorization(Scopes.Read);
        group.MapGet("/", ListAsync).WithSummary("Sync jobs, newest (started_at) first, filtered by status, job_type, supplier_id; limit default 100.");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("One sync job with its counters, errors and progress (processed, progress_percent, eta_seconds while running).");
        group.MapPost("/{id:guid}/retry", RetryAsync).RequireAuthorization(Scopes.Admin)
            .WithSummary("Start a new pending job of the same type and supplier (201); the original is not changed. 409 while a job of that mode is active. callback_url (query): where the new job's end is POSTed; default: the key's callback_url.");
        group.MapPost("/{id:guid}/cancel", CancelAsync).RequireAuthorization(Scopes.Admin)
            .WithSummary("Stop an active job: what it stored stays; it ends failed with a 'cancelled' error. 409 when it already ended.");
        group.MapPatch("/{id:guid}", PatchAsync).RequireAuthorization(Scopes.Admin)
            .WithSummary("Seed 001's manual update (status, records_processed, error_log, completed_at as query parameters or JSON). Marking an active job failed cancels it; other changes to an active job are 409.");
        return routes;
    }

    public static async Task<Results<Ok<IReadOnlyList<SyncJobRead>>, ProblemHttpResult>> ListAsync(
        [AsParameters] SyncJobListParameters parameters, SyncJobReader reader, CancellationToken ct)
    {
        var (filter, errors) = SyncJobRules.ParseList(parameters);
        return filter is null ? HubProblems.Validation(errors) : TypedResults.Ok(await reader.ListAsync(filter, ct));
    }

    public static async Task<Results<Ok<SyncJobRead>, ProblemHttpResult>> GetAsync(Guid id, SyncJobReader reader, CancellationToken ct) =>
        await reader.GetAsync(id, ct) is { } job ? TypedResults.Ok(job) : NotFound(id);

    public static async Task<Results<Created<SyncJobRead>, ProblemHttpResult>> RetryAsync(
        Guid id, [FromQuery(Name = "callback_url"), Description(CallbackDoc.Parameter)] string? callbackUrl,
        ClaimsPrincipal user, CallbackChooser callbacks, SyncJobReader reader, IGrainFactory grains, CancellationToken ct)
    {
        if (await reader.GetAsync(id, ct) is not { } job || !DiscoveryModes.TryParse(job.DiscoveryMode, out var mode))
        {
            return NotFound(id);
        }

        var (callback, callbackError) = await callbacks.ChooseAsync(user, callbackUrl, useDefault: true, ct);
        if (callbackError is not null)
        {
            return HubProblems.Validation(new Dictionary<string, string[]> { [CallbackRules.UrlField] = [callbackError] });
        }

        var request = new ImportRequest(mode, job.Limit, job.ExplicitList, callback);
        var result = await grains.GetGrain<ISupplierGrain>(job.SupplierId).StartImportAsync(request);
        if (result.Outcome != StartImportOutcome.Started)
        {
            return SupplierEndpoints.ImportProblem(job.SupplierId, mode, result);
        }

        var created = await reader.GetAsync(result.JobId!.Value, ct);
        return TypedResults.Created($"/api/sync-jobs/{created!.Id}", created);
    }

    public static async Task<Results<Ok<SyncJobRead>, ProblemHttpResult>> CancelAsync(
        Guid id, SyncJobReader reader, IGrainFactory grains, CancellationToken ct)
    {
        var outcome = await grains.GetGrain<ISyncJobGrain>(id).CancelAsync("cancelled through the API");
        return await AnswerAsync(id, outcome, reader, "it already ended", ct);
    }

    public static async Task<Results<Ok<SyncJobRead>, ProblemHttpResult>> PatchAsync(
        Guid id,
        [AsParameters] SyncJobPatchParameters parameters,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] SyncJobPatchBody? body,
        SyncJobReader reader,
        IGrainFactory grains,
        CancellationToken ct)
    {
        var (patch, errors) = SyncJobRules.ParsePatch(parameters, body);
        if (patch is null)
        {
            return HubProblems.Validation(errors);
        }

        var outcome = await grains.GetGrain<ISyncJobGrain>(id).PatchAsync(patch);
        return await AnswerAsync(id, outcome, reader, "it is active: an active job can only be marked failed (status=failed, no records_processed), which cancels it", ct);
    }

    private static async Task<Results<Ok<SyncJobRead>, ProblemHttpResult>> AnswerAsync(
        Guid id, SyncJobChangeOutcome outcome, SyncJobReader reader, string conflict, CancellationToken ct) => outcome switch
        {
            SyncJobChangeOutcome.Done when await reader.GetAsync(id, ct) is { } job => TypedResults.Ok(job),
            SyncJobChangeOutcome.Conflict => HubProblems.Conflict($"Sync job {id} cannot be changed so: {conflict}."),
            _ => NotFound(id),
        };

    private static ProblemHttpResult NotFound(Guid id) => HubProblems.NotFound($"No sync job with id {id}.");
}
