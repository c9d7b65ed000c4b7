using CatalogHub.Api.Auth;
using CatalogHub.Api.Limits;
using CatalogHub.Api.Problems;
using CatalogHub.Grains.Outbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace CatalogHub.Api.Outbox;

/// <summary>
/// Where a store's and a customer's outbox events go: <c>/api/v1/admin/stores/{store_number}/delivery</c> (Shopify
/// Admin GraphQL or a webhook) and <c>/api/customers/{id}/delivery</c> (the storefront's webhook). Secrets are
/// write-only: answers say <c>"secret": "set"</c>. Setting a target wakes its dispatcher, so waiting events go out.
/// </summary>
public static class DeliveryTargetEndpoints
{
    public static IEndpointRouteBuilder MapDeliveryTargetEndpoints(this IEndpointRouteBuilder routes)
    {
        var stores = routes.MapGroup("/api/v1/admin/stores/{store_number}/delivery").WithTags("Outbox")
            .RequireAuthorization(Scopes.Admin).RequireRequestLimit();
        stores.MapGet("/", GetStoreAsync).Produces<ErrorResponse>(StatusCodes.Status404NotFound)
            .WithSummary("How the store's catalog changes are delivered (never the token or secret).");
        stores.MapPut("/", PutStoreAsync).Accepts<DeliveryTargetRequest>("application/json")
            .Produces<ValidationErrorResponse>(StatusCodes.Status422UnprocessableEntity).Produces<ErrorResponse>(StatusCodes.Status404NotFound)
            .WithSummary("Deliver the store's changes to Shopify (kind shopify: shop_domain, api_version, access_token, location_ids) or a webhook (kind webhook: url, secret). A secret left out keeps the stored one of the same kind.");
        stores.MapDelete("/", DeleteStoreAsync).Produces(StatusCodes.Status204NoContent).Produces<ErrorResponse>(StatusCodes.Status404NotFound)
            .WithSummary("Stop delivering the store's changes; its events wait until a target is set again.");

        var customers = routes.MapGroup("/api/customers/{id:guid}/delivery").WithTags("Customers").RequireAuthorization(Scopes.Admin);
        customers.MapGet("/", GetCustomerAsync).WithSummary("The customer's storefront webhook and auto_repush (never the secret).");
        customers.MapPut("/", PutCustomerAsync).Accepts<CustomerDeliveryRequest>("application/json")
            .WithSummary("Deliver pushes to the customer's storefront webhook (url, secret, auto_repush). With a webhook a push is 'pushing' until delivered.");
        customers.MapDelete("/", DeleteCustomerAsync).WithSummary("Stop delivering pushes to the customer.");
        return routes;
    }

    public static async Task<Results<Ok<DeliveryTargetView>, JsonHttpResult<ErrorResponse>>> GetStoreAsync(
        string store_number, HttpContext http, DeliveryTargetAdmin admin, CancellationToken ct)
    {
        if (!StoreAccess.Allows(http.User, store_number))
        {
            return SpecErrors.StoreForbidden(store_number);
        }

        return await admin.GetAsync(DeliveryTargetAdmin.StoreTarget(store_number), ct) is { } view
            ? TypedResults.Ok(view)
            : SpecErrors.NotFound($"Store {store_number} has no delivery target");
    }

    public static async Task<Results<Ok<DeliveryTargetView>, JsonHttpResult<ErrorResponse>, JsonHttpResult<ValidationErrorResponse>>> PutStoreAsync(
        string store_number, HttpContext http, DeliveryTargetAdmin admin, NpgsqlDataSource dataSource, IGrainFactory grains, CancellationToken ct)
    {
        if (!StoreAccess.Allows(http.User, store_number))
        {
            return SpecErrors.StoreForbidden(store_number);
        }

        if (!await ExistsAsync(dataSource, "SELECT EXISTS (SELECT 1 FROM stores WHERE store_number = $1)", store_number, ct))
        {
            return SpecErrors.NotFound("Store not found");
        }

        var target = DeliveryTargetAdmin.StoreTarget(store_number);
        var kind = await admin.KindAsync(target, ct);
        var body = await SpecBody.ReadAsync(http.Request, json => DeliveryTargetRules.ParseStore(json, hasSecret: kind is not null && json.TryGetProperty("kind", out var k) && k.ValueKind == System.Text.Json.JsonValueKind.String && k.GetString() == kind), ct);
        if (body.Request is not { } request)
        {
            return body.Malformed is { } malformed ? malformed : body.Invalid!;
        }

        var view = await admin.PutAsync(target, request, ct);
        await grains.GetGrain<IOutboxDispatcherGrain>(target).WakeAsync();
        return TypedResults.Ok(view);
    }

    public static async Task<Results<NoContent, JsonHttpResult<ErrorResponse>>> DeleteStoreAsync(
        string store_number, HttpContext http, DeliveryTargetAdmin admin, CancellationToken ct)
    {
        if (!StoreAccess.Allows(http.User, store_number))
        {
            return SpecErrors.StoreForbidden(store_number);
        }

        return await admin.DeleteAsync(DeliveryTargetAdmin.StoreTarget(store_number), ct)
            ? TypedResults.NoContent()
            : SpecErrors.NotFound($"Store {store_number} has no delivery target");
    }

    public static async Task<Results<Ok<DeliveryTargetView>, ProblemHttpResult>> GetCustomerAsync(Guid id, DeliveryTargetAdmin admin, CancellationToken ct) =>
        await admin.GetAsync(DeliveryTargetAdmin.CustomerTarget(id), ct) is { } view
            ? TypedResults.Ok(view)
            : HubProblems.NotFound($"Customer {id} has no delivery target");

    public static async Task<Results<Ok<DeliveryTargetView>, ProblemHttpResult>> PutCustomerAsync(
        Guid id, HttpContext http, DeliveryTargetAdmin admin, NpgsqlDataSource dataSource, IGrainFactory grains, CancellationToken ct)
    {
        if (!await ExistsAsync(dataSource, "SELECT EXISTS (SELECT 1 FROM customers WHERE id = $1::uuid)", id.ToString(), ct))
        {
            return HubProblems.NotFound($"Customer {id} not found");
        }

        var target = DeliveryTargetAdmin.CustomerTarget(id);
        var hasSecret = await admin.KindAsync(target, ct) is not null;
        var body = await SpecBody.ReadAsync(http.Request, json => DeliveryTargetRules.ParseCustomer(json, hasSecret), ct);
        if (body.Request is not { } request)
        {
            return body.Malformed is not null
                ? HubProblems.Validation(new Dictionary<string, string[]> { ["body"] = ["the request body is not valid JSON"] })
                : HubProblems.Validation(body.Invalid!.Value!.ValidationErrors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
        }

        await admin.SetAutoRepushAsync(id, request.AutoRepush, ct);
        var view = await admin.PutAsync(target, new DeliveryTargetRequest("webhook", request.Url, request.Secret, null, null, null, new Dictionary<string, long>()), ct);
        await grains.GetGrain<IOutboxDispatcherGrain>(target).WakeAsync();
        return TypedResults.Ok(view);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteCustomerAsync(Guid id, DeliveryTargetAdmin admin, CancellationToken ct) =>
        await admin.DeleteAsync(DeliveryTargetAdmin.CustomerTarget(id), ct)
            ? TypedResults.NoContent()
            : HubProblems.NotFound($"Customer {id} has no delivery target");

    private static async Task<bool> ExistsAsync(NpgsqlDataSource dataSource, string sql, string value, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue(value);
        return await cmd.ExecuteScalarAsync(ct) is true;
    }
}
