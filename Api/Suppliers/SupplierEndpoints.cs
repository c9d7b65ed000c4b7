using System.Text.Json;
using CatalogHub.Api.Auth;
using CatalogHub.Api.Problems;
using CatalogHub.Grains.Suppliers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Orleans;

namespace CatalogHub.Api.Suppliers;

/// <summary>
/// <c>/api/suppliers</c> (seed 000): suppliers (read; changes admin).
/// Changes go through <see cref="ISupplierGrain"/>, the single writer of a supplier; reads come from the table.
/// </summary>
public static class SupplierEndpoints
{
    public static IEndpointRouteBuilder MapSupplierEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/suppliers").WithTags("Suppliers").RequireAuthorization(Scopes.Read);
        group.MapPost("/", CreateAsync).RequireAuthorization(Scopes.Admin)
            .WithSummary("Create a supplier: name, adapter (a registered adapter or null), adapter_config (settings + credentials, encrypted at rest, never returned), active, hydrate_concurrency (1–64, default 8), max_requests_per_second (null: unlimited), schedules (delta, full_sellable: ISO 8601 durations or null).")
            .Accepts<JsonElement>("application/json");
        group.MapGet("/", ListAsync).WithSummary("All suppliers, by name. Credentials show as \"set\".");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("One supplier.");
        group.MapPatch("/{id:guid}", UpdateAsync).RequireAuthorization(Scopes.Admin)
            .WithSummary("Change the fields given. adapter_config replaces the settings; its credentials: an object replaces them, null removes them, absent or \"set\" keeps them..")
            .Accepts<JsonElement>("application/json");
        group.MapDelete("/{id:guid}", DeactivateAsync).RequireAuthorization(Scopes.Admin)
            .WithSummary("Deactivate a supplier: no imports or schedules any more; its products and jobs stay.");
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

    private static async Task<Results<Ok<SupplierRead>, ProblemHttpResult>> SavedAsync(
        Guid id, SupplierWriteResult result, SupplierReader reader, CancellationToken ct) => result.Outcome switch
        {
            SupplierWriteOutcome.Saved when await reader.GetAsync(id, ct) is { } supplier => TypedResults.Ok(supplier),
            SupplierWriteOutcome.Invalid => HubProblems.Validation(result.Errors!),
            _ => NotFound(id),
        };

    private static ProblemHttpResult NotFound(Guid id) => HubProblems.NotFound($"No supplier with id {id}.");
}
