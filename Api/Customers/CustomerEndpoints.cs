using CatalogHub.Api.Auth;
using CatalogHub.Api.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CatalogHub.Api.Customers;

/// <summary><c>/api/customers</c>: customers, the products they selected, and pushing those products to them.</summary>
public static class CustomerEndpoints
{
    public static IEndpointRouteBuilder MapCustomerEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/customers").WithTags("Customers").RequireAuthorization(Scopes.Read);
        group.MapPost("/", CreateAsync).RequireAuthorization(Scopes.Admin).WithSummary("Create a customer.");
        group.MapGet("/", ListAsync).WithSummary("All customers, by name.");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("One customer.");
        group.MapPost("/{id:guid}/selections", SelectAsync).RequireAuthorization(Scopes.Admin)
            .WithSummary("Select products for the customer; unknown product ids are 422 and nothing is written; selected ones stay as they are.");
        group.MapGet("/{id:guid}/selections", ListSelectionsAsync)
            .WithSummary("The customer's selections, optionally by status (selected, pushing, pushed, stale); total in X-Total-Count.");
        group.MapPost("/{id:guid}/push", PushAsync).RequireAuthorization(Scopes.Admin)
            .WithSummary("Push the customer's selected and stale products (or the product_ids given): pushed status, push log and outbox events, atomically.");
        return routes;
    }

    public static async Task<Results<Created<Customer>, ProblemHttpResult>> CreateAsync(
        CreateCustomerRequest request, CustomerStore store, CancellationToken ct)
    {
        var errors = SelectionRules.ValidateCustomer(request);
        if (errors.Count > 0)
        {
            return HubProblems.Validation(errors);
        }

        var customer = await store.CreateAsync(request.Name!.Trim(), ct);
        return TypedResults.Created($"/api/customers/{customer.Id}", customer);
    }

    public static async Task<Ok<List<Customer>>> ListAsync(CustomerStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ListAsync(ct));

    public static async Task<Results<Ok<Customer>, ProblemHttpResult>> GetAsync(Guid id, CustomerStore store, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } customer ? TypedResults.Ok(customer) : NotFound(id);

    public static async Task<Results<Ok<SelectionSummary>, ProblemHttpResult>> SelectAsync(
        Guid id, SelectProductsRequest request, CustomerStore store, CancellationToken ct)
    {
        var (ids, errors) = SelectionRules.ValidateProductIds(request.ProductIds, required: true);
        if (ids is null)
        {
            return HubProblems.Validation(errors);
        }

        var result = await store.SelectAsync(id, ids, ct);
        if (!result.CustomerFound)
        {
            return NotFound(id);
        }

        return result.Summary is { } summary
            ? TypedResults.Ok(summary)
            : HubProblems.Validation(new Dictionary<string, string[]>
            {
                ["product_ids"] = [$"unknown product id(s): {SelectionRules.List(result.UnknownProductIds)}"],
            });
    }

    public static async Task<Results<Ok<IReadOnlyList<Selection>>, ProblemHttpResult>> ListSelectionsAsync(
        Guid id, string? status, int? skip, int? limit, CustomerStore store, HttpResponse response, CancellationToken ct)
    {
        var (filter, errors) = SelectionRules.ParseStatus(status);
        var (from, count, pageErrors) = SelectionRules.Page(skip, limit);
        foreach (var (field, messages) in pageErrors)
        {
            errors[field] = messages;
        }

        if (errors.Count > 0)
        {
            return HubProblems.Validation(errors);
        }

        if (await store.ListSelectionsAsync(id, filter, from, count, ct) is not { } page)
        {
            return NotFound(id);
        }

        response.Headers["X-Total-Count"] = page.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(page.Items);
    }

    public static async Task<Results<Ok<PushSummary>, ProblemHttpResult>> PushAsync(
        Guid id, PushRequest? request, PushStore store, CancellationToken ct)
    {
        var (ids, errors) = SelectionRules.ValidateProductIds(request?.ProductIds, required: false);
        if (errors.Count > 0)
        {
            return HubProblems.Validation(errors);
        }

        var result = await store.PushAsync(id, ids, ct);
        if (!result.CustomerFound)
        {
            return NotFound(id);
        }

        return result.Summary is { } summary
            ? TypedResults.Ok(summary)
            : HubProblems.Validation(new Dictionary<string, string[]>
            {
                ["product_ids"] = [$"not selected by customer {id}: {SelectionRules.List(result.NotSelected)}"],
            });
    }

    private static ProblemHttpResult NotFound(Guid id) => HubProblems.NotFound($"No customer with id {id}.");
}
