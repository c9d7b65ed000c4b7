using System.Text.Json;
using System.ComponentModel;
using System.Security.Claims;
using CatalogHub.Api.Auth;
using CatalogHub.Api.Callbacks;
using CatalogHub.Api.Problems;
using CatalogHub.Api.SyncJobs;
using CatalogHub.Grains.Suppliers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Orleans;

namespace CatalogHub.Api.Suppliers;

/// <summary>
/// <c>/api/suppliers</c> (seed 000): suppliers (read; changes admin), their imports and their recent jobs.
/// Changes go through <see cref="ISupplierGrain"/>, the single writer of a supplier; reads come from the table.
/// </summary>
public static class SupplierEndpoints
{
    public const int RecentJobs = 50;

    public static IEndpointRouteBuilder MapSupplierEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/suppliers").WithTags("Suppliers").RequireAuthorization(Scopes.Read);
        group.MapPost("/", CreateAsync).RequireAuthorization(Scopes.Admin)
            .WithSummary("Create a supplier: name, adapter (a registered adapter or null), adapter_config (settings + credentials, encrypted at rest, never returned), active, hydrate_concurrency (1–64, default 8), max_requests_per_second (null: unlimited), schedules (delta, full_sellable: ISO 8601 durations or null).")
            .Accepts<JsonElement>("application/json");
        group.MapGet("/", ListAsync).WithSummary("All suppliers, by name. Credentials show as \"set\".");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("One supplier.");
        group.MapPatch("/{id:guid}", UpdateAsync).RequireAuthorization(Scopes.Admin)
            .WithSummary("Change the fields given. adapter_config replaces the settings; its credentials: an object replaces them, null removes them, absent or \"set\" keeps them. Schedules' reminders follow.")
            .Accepts<JsonElement>("application/json");
        group.MapDelete("/{id:guid}", DeactivateAsync).RequireAuthorization(Scopes.Admin)
            .WithSummary("Deactivate a supplier: no imports or schedules any more; its products and jobs stay.");
        group.MapPost("/{id:guid}/import", ImportAsync).RequireAuthorization(Scopes.Admin)
            .WithSummary("Start an import (mode: full_sellable, delta, first_n with limit, explicit_list with explicit_list, closeouts): 202 with the pending job; 409 while a job of that mode is pending or running (sync_job_id names it) or when the supplier has no adapter. callback_url (query): where the job's end is POSTed; default: the key's callback_url.");
        group.MapGet("/{id:guid}/sync-jobs", JobsAsync).WithSummary($"The supplier's {RecentJobs} most recent sync jobs, newest first.");
        return routes;
    }

    public static async Task<Results<Created<SupplierRead>, ProblemHttpResult>> CreateAsync(
        [FromBody] JsonElement body, IGrainFactory grains, SupplierReader reader, CancellationToken ct)
    {
        var (changes, errors) = SupplierRequestRules.Parse(body, create: true);
        if (changes is null)
        {
            return HubProblems.Validation(errors);
        }

        var id = Guid.NewGuid();
        var result = await grains.GetGrain<ISupplierGrain>(id).CreateAsync(changes);
        if (result.Outcome == SupplierWriteOutcome.Invalid)
        {
            return HubProblems.Validation(result.Errors!);
        }

        var supplier = await reader.GetAsync(id, ct);
        return TypedResults.Created($"/api/suppliers/{id}", supplier!);
    }

    public static async Task<Ok<IReadOnlyList<SupplierRead>>> ListAsync(SupplierReader reader, CancellationToken ct) =>
        TypedResults.Ok(await reader.ListAsync(ct));

    public static async Task<Results<Ok<SupplierRead>, ProblemHttpResult>> GetAsync(Guid id, SupplierReader reader, CancellationToken ct) =>
        await reader.GetAsync(id, ct) is { } supplier ? TypedResults.Ok(supplier) : NotFound(id);

    public static async Task<Results<Ok<SupplierRead>, ProblemHttpResult>> UpdateAsync(
        Guid id, [FromBody] JsonElement body, IGrainFactory grains, SupplierReader reader, CancellationToken ct)
    {
        var (changes, errors) = SupplierRequestRules.Parse(body, create: false);
        if (changes is null)
        {
            return HubProblems.Validation(errors);
        }

        return await SavedAsync(id, await grains.GetGrain<ISupplierGrain>(id).UpdateAsync(changes), reader, ct);
    }

    public static async Task<Results<Ok<SupplierRead>, ProblemHttpResult>> DeactivateAsync(
        Guid id, IGrainFactory grains, SupplierReader reader, CancellationToken ct) =>
        await SavedAsync(id, await grains.GetGrain<ISupplierGrain>(id).DeactivateAsync(), reader, ct);

    public static async Task<Results<Accepted<ImportAccepted>, ProblemHttpResult>> ImportAsync(
        Guid id, [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] ImportBody? body,
        [FromQuery(Name = "callback_url"), Description(CallbackDoc.Parameter)] string? callbackUrl,
        ClaimsPrincipal user, CallbackChooser callbacks, IGrainFactory grains, CancellationToken ct)
    {
        var (request, errors) = SupplierRequestRules.ParseImport(body);
        var (callback, callbackError) = await callbacks.ChooseAsync(user, callbackUrl, useDefault: true, ct);
        if (callbackError is not null)
        {
            errors[CallbackRules.UrlField] = [callbackError];
        }

        if (request is null || callbackError is not null)
        {
            return HubProblems.Validation(errors);
        }

        request = request with { Callback = callback };

        var result = await grains.GetGrain<ISupplierGrain>(id).StartImportAsync(request);
        return result.Outcome == StartImportOutcome.Started
            ? TypedResults.Accepted($"/api/sync-jobs/{result.JobId}", new ImportAccepted(result.JobId!.Value, Grains.SyncJobs.SyncJobStatuses.Pending))
            : ImportProblem(id, request.Mode, result);
    }

    public static async Task<Results<Ok<IReadOnlyList<SyncJobRead>>, ProblemHttpResult>> JobsAsync(
        Guid id, SupplierReader suppliers, SyncJobReader jobs, CancellationToken ct)
    {
        if (await suppliers.GetAsync(id, ct) is null)
        {
            return NotFound(id);
        }

        return TypedResults.Ok(await jobs.ListAsync(new SyncJobFilter(null, null, id, RecentJobs), ct));
    }

    /// <summary>The problem for an import that did not start (also used by retry).</summary>
    public static ProblemHttpResult ImportProblem(Guid supplierId, DiscoveryMode mode, StartImportResult result) => result.Outcome switch
    {
        StartImportOutcome.NotFound => NotFound(supplierId),
        StartImportOutcome.Conflict => HubProblems.ConflictWithJob(
            $"A {mode.Name()} import of supplier {supplierId} is already pending or running: sync job {result.JobId}.", result.JobId!.Value),
        StartImportOutcome.NoAdapter => HubProblems.Conflict($"Supplier {supplierId} has no adapter; set one before importing."),
        StartImportOutcome.Inactive => HubProblems.Conflict($"Supplier {supplierId} is deactivated; reactivate it (PATCH active: true) before importing."),
        _ => HubProblems.Conflict($"The import of supplier {supplierId} did not start ({result.Outcome})."),
    };

    private static async Task<Results<Ok<SupplierRead>, ProblemHttpResult>> SavedAsync(
        Guid id, SupplierWriteResult result, SupplierReader reader, CancellationToken ct) => result.Outcome switch
        {
            SupplierWriteOutcome.Saved when await reader.GetAsync(id, ct) is { } supplier => TypedResults.Ok(supplier),
            SupplierWriteOutcome.Invalid => HubProblems.Validation(result.Errors!),
            _ => NotFound(id),
        };

    private static ProblemHttpResult NotFound(Guid id) => HubProblems.NotFound($"No supplier with id {id}.");
}
