using System.Text.Json;
using CatalogHub.Api.Auth;
using CatalogHub.Api.Limits;
using CatalogHub.Api.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace CatalogHub.Api.Stores;

/// <summary>
/// <c>/api/v1/admin/stores</c> (admin): the stores and locations seed 002 presumes. Ingestion entries for unknown or
/// inactive stores and locations fail with <c>resolution</c> errors, so these must exist first. Errors take the
/// ingestion API's shape (<see cref="SpecErrors"/>). A store-restricted key sees and changes only its stores. Every
/// request counts against the key's requests per minute (seed 002's README, decision 5).
/// </summary>
public static class StoreEndpoints
{
    public const string StoreNotFound = "Store not found";
    public const string LocationNotFound = "Location not found";

    public static IEndpointRouteBuilder MapStoreEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/admin/stores").WithTags("Stores").RequireAuthorization(Scopes.Admin)
            .RequireRequestLimit();
        group.MapPost("/", CreateAsync).Accepts<CreateStoreRequest>("application/json")
            .Produces<ValidationErrorResponse>(StatusCodes.Status422UnprocessableEntity).Produces<ErrorResponse>(StatusCodes.Status409Conflict)
            .WithSummary("Create a store (store_number, name, active = true) and its default location, named after the store number. 409 when the number exists.");
        group.MapGet("/", ListAsync).WithSummary("Stores ordered by store_number; active=true|false filters.");
        group.MapGet("/{store_number}", GetAsync).Produces<ErrorResponse>(StatusCodes.Status404NotFound).WithSummary("One store.");
        group.MapPatch("/{store_number}", UpdateAsync).Accepts<UpdateStoreRequest>("application/json")
            .Produces<ValidationErrorResponse>(StatusCodes.Status422UnprocessableEntity).Produces<ErrorResponse>(StatusCodes.Status404NotFound)
            .WithSummary("Rename (name) and/or activate or deactivate (active) a store.");
        group.MapPost("/{store_number}/locations", CreateLocationAsync).Accepts<CreateLocationRequest>("application/json")
            .Produces<ValidationErrorResponse>(StatusCodes.Status422UnprocessableEntity).Produces<ErrorResponse>(StatusCodes.Status404NotFound)
            .Produces<ErrorResponse>(StatusCodes.Status409Conflict)
            .WithSummary("Add a location (name, active = true) to a store. Names are unique within a store, compared exactly (case-sensitive).");
        group.MapGet("/{store_number}/locations", ListLocationsAsync).Produces<ErrorResponse>(StatusCodes.Status404NotFound)
            .WithSummary("A store's locations in creation order (the default location first); active=true|false filters.");
        group.MapPatch("/{store_number}/locations/{location_id}", UpdateLocationAsync).Accepts<UpdateLocationRequest>("application/json")
            .Produces<ValidationErrorResponse>(StatusCodes.Status422UnprocessableEntity).Produces<ErrorResponse>(StatusCodes.Status404NotFound)
            .Produces<ErrorResponse>(StatusCodes.Status409Conflict)
            .WithSummary("Rename (name) and/or activate or deactivate (active) a location. The default location keeps its name.");
        return routes;
    }

    public static async Task<Results<Created<StoreRead>, JsonHttpResult<ErrorResponse>, JsonHttpResult<ValidationErrorResponse>>> CreateAsync(
        HttpContext http, StoreAdminStore store, CancellationToken ct)
    {
        var body = await SpecBody.ReadAsync(http.Request, StoreRequestRules.ParseCreateStore, ct);
        if (body.Request is not { } request)
        {
            return body.Malformed is { } malformed ? malformed : body.Invalid!;
        }

        if (!StoreAccess.Allows(http.User, request.StoreNumber))
        {
            return SpecErrors.StoreForbidden(request.StoreNumber);
        }

        return await store.CreateAsync(request, ct) is { } created
            ? TypedResults.Created($"/api/v1/admin/stores/{created.StoreNumber}", created)
            : SpecErrors.Conflict($"Store {request.StoreNumber} already exists");
    }

    public static async Task<Results<Ok<IReadOnlyList<StoreRead>>, JsonHttpResult<ValidationErrorResponse>>> ListAsync(
        [FromQuery(Name = "active")] string? active, HttpContext http, StoreAdminStore store, CancellationToken ct)
    {
        var (filter, errors) = StoreRequestRules.ParseActiveFilter(active);
        if (errors.Count > 0)
        {
            return SpecErrors.Validation(errors);
        }

        return TypedResults.Ok(await store.ListAsync(filter, StoreAccess.StoresOf(http.User), ct));
    }

    public static async Task<Results<Ok<StoreRead>, JsonHttpResult<ErrorResponse>>> GetAsync(
        [FromRoute(Name = "store_number")] string storeNumber, HttpContext http, StoreAdminStore store, CancellationToken ct)
    {
        if (Refused(http, storeNumber) is { } refused)
        {
            return refused;
        }

        return await store.GetAsync(storeNumber, ct) is { } found ? TypedResults.Ok(found) : SpecErrors.NotFound(StoreNotFound);
    }

    public static async Task<Results<Ok<StoreRead>, JsonHttpResult<ErrorResponse>, JsonHttpResult<ValidationErrorResponse>>> UpdateAsync(
        [FromRoute(Name = "store_number")] string storeNumber, HttpContext http, StoreAdminStore store, CancellationToken ct)
    {
        if (Refused(http, storeNumber) is { } refused)
        {
            return refused;
        }

        var body = await SpecBody.ReadAsync(http.Request, json => StoreRequestRules.ParseUpdateStore(json, storeNumber), ct);
        if (body.Request is not { } request)
        {
            return body.Malformed is { } malformed ? malformed : body.Invalid!;
        }

        return await store.UpdateAsync(storeNumber, request, ct) is { } updated ? TypedResults.Ok(updated) : SpecErrors.NotFound(StoreNotFound);
    }

    public static async Task<Results<Created<LocationRead>, JsonHttpResult<ErrorResponse>, JsonHttpResult<ValidationErrorResponse>>> CreateLocationAsync(
        [FromRoute(Name = "store_number")] string storeNumber, HttpContext http, StoreAdminStore store, CancellationToken ct)
    {
        if (Refused(http, storeNumber) is { } refused)
        {
            return refused;
        }

        var body = await SpecBody.ReadAsync(http.Request, StoreRequestRules.ParseCreateLocation, ct);
        if (body.Request is not { } request)
        {
            return body.Malformed is { } malformed ? malformed : body.Invalid!;
        }

        var result = await store.CreateLocationAsync(storeNumber, request, ct);
        return result.Outcome == LocationOutcome.Done
            ? TypedResults.Created($"/api/v1/admin/stores/{storeNumber}/locations/{result.Location!.Id}", result.Location)
            : LocationProblem(result.Outcome, storeNumber, request.Name);
    }

    public static async Task<Results<Ok<IReadOnlyList<LocationRead>>, JsonHttpResult<ErrorResponse>, JsonHttpResult<ValidationErrorResponse>>> ListLocationsAsync(
        [FromRoute(Name = "store_number")] string storeNumber, [FromQuery(Name = "active")] string? active,
        HttpContext http, StoreAdminStore store, CancellationToken ct)
    {
        if (Refused(http, storeNumber) is { } refused)
        {
            return refused;
        }

        var (filter, errors) = StoreRequestRules.ParseActiveFilter(active);
        if (errors.Count > 0)
        {
            return SpecErrors.Validation(errors);
        }

        return await store.ListLocationsAsync(storeNumber, filter, ct) is { } locations
            ? TypedResults.Ok(locations)
            : SpecErrors.NotFound(StoreNotFound);
    }

    public static async Task<Results<Ok<LocationRead>, JsonHttpResult<ErrorResponse>, JsonHttpResult<ValidationErrorResponse>>> UpdateLocationAsync(
        [FromRoute(Name = "store_number")] string storeNumber, [FromRoute(Name = "location_id")] string locationId,
        HttpContext http, StoreAdminStore store, CancellationToken ct)
    {
        if (Refused(http, storeNumber) is { } refused)
        {
            return refused;
        }

        if (!long.TryParse(locationId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return SpecErrors.NotFound(LocationNotFound);
        }

        var body = await SpecBody.ReadAsync(http.Request, StoreRequestRules.ParseUpdateLocation, ct);
        if (body.Request is not { } request)
        {
            return body.Malformed is { } malformed ? malformed : body.Invalid!;
        }

        var result = await store.UpdateLocationAsync(storeNumber, id, request, ct);
        return result.Outcome switch
        {
            LocationOutcome.Done => TypedResults.Ok(result.Location!),
            LocationOutcome.DefaultRenamed => SpecErrors.Validation(
                [new FieldError("name", $"the default location of store {storeNumber} keeps the store number as its name")]),
            _ => LocationProblem(result.Outcome, storeNumber, request.Name),
        };
    }

    /// <summary>403 for a store the key is not allowed for; 404 for a path that cannot be a store number (no query needed).</summary>
    private static JsonHttpResult<ErrorResponse>? Refused(HttpContext http, string storeNumber) =>
        !StoreAccess.Allows(http.User, storeNumber) ? SpecErrors.StoreForbidden(storeNumber)
        : !StoreRequestRules.IsStoreNumber(storeNumber) ? SpecErrors.NotFound(StoreNotFound)
        : null;

    private static JsonHttpResult<ErrorResponse> LocationProblem(LocationOutcome outcome, string storeNumber, string? name) => outcome switch
    {
        LocationOutcome.StoreNotFound => SpecErrors.NotFound(StoreNotFound),
        LocationOutcome.NotFound => SpecErrors.NotFound(LocationNotFound),
        LocationOutcome.Duplicate => SpecErrors.Conflict($"Location '{name}' already exists for store {storeNumber}"),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
