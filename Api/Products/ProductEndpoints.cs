using System.Globalization;
using System.Security.Claims;
using CatalogHub.Api.Auth;
using CatalogHub.Api.Problems;
using CatalogHub.Grains.Catalog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CatalogHub.Api.Products;

/// <summary>
/// <c>/api/products</c> (seed 004): the catalog list with filters and aggregates, product detail (scope
/// <c>read</c>), archive and restore (scope <c>admin</c>). An id that is not a UUID names no product: 404.
/// </summary>
public static class ProductEndpoints
{
    /// <summary>The header carrying the total number of products under the list's filter.</summary>
    public const string TotalCountHeader = "X-Total-Count";

    /// <summary>The 404 detail seed 004 fixes.</summary>
    public const string NotFoundDetail = "Product not found";

    public static IEndpointRouteBuilder MapProductEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/products").WithTags("Products").RequireAuthorization(Scopes.Read);
        group.MapGet("/", ListAsync)
            .WithSummary("List products (active by default) with filters, in product-number order; the total is in X-Total-Count.");
        group.MapGet("/{id}", GetAsync).WithSummary("A product with its variants, tier prices, images, options and type details.");
        group.MapPost("/{id}/archive", ArchiveAsync).RequireAuthorization(Scopes.Admin)
            .WithSummary("Archive a product (idempotent); it leaves the default list.");
        group.MapPost("/{id}/restore", RestoreAsync).RequireAuthorization(Scopes.Admin)
            .WithSummary("Restore an archived product (idempotent).");
        return routes;
    }

    public static async Task<Results<Ok<IReadOnlyList<ProductListRead>>, ProblemHttpResult>> ListAsync(
        [AsParameters] ProductListParameters parameters, ProductReader reader, HttpResponse response, CancellationToken ct)
    {
        if (!ProductListQuery.TryParse(parameters, out var query, out var errors))
        {
            return HubProblems.Validation(errors);
        }

        var page = await reader.ListAsync(query, ct);
        response.Headers[TotalCountHeader] = page.Total.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Ok(page.Items);
    }

    public static async Task<Results<Ok<ProductRead>, ProblemHttpResult>> GetAsync(string id, ProductReader reader, CancellationToken ct) =>
        Guid.TryParse(id, out var productId) && await reader.GetAsync(productId, ct) is { } product
            ? TypedResults.Ok(product)
            : HubProblems.NotFound(NotFoundDetail);

    public static Task<Results<Ok<ProductRead>, ProblemHttpResult>> ArchiveAsync(
        string id, ProductReader reader, IGrainFactory grains, ClaimsPrincipal user, CancellationToken ct) =>
        ChangeAsync(id, (grain, source) => grain.ArchiveAsync(source), reader, grains, user, ct);

    public static Task<Results<Ok<ProductRead>, ProblemHttpResult>> RestoreAsync(
        string id, ProductReader reader, IGrainFactory grains, ClaimsPrincipal user, CancellationToken ct) =>
        ChangeAsync(id, (grain, source) => grain.RestoreAsync(source), reader, grains, user, ct);

    /// <summary>Finds the product's grain (the endpoint knows only the id), lets it change the product, returns the product.</summary>
    private static async Task<Results<Ok<ProductRead>, ProblemHttpResult>> ChangeAsync(
        string id,
        Func<IProductGrain, ChangeSource, Task<ArchiveResult>> change,
        ProductReader reader,
        IGrainFactory grains,
        ClaimsPrincipal user,
        CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var productId) || await reader.LocateAsync(productId, ct) is not { } key)
        {
            return HubProblems.NotFound(NotFoundDetail);
        }

        var source = new ChangeSource(ChangeSources.Admin, $"api-key:{user.FindFirstValue(ClaimTypes.NameIdentifier)}");
        var result = await change(grains.GetGrain<IProductGrain>(key.ToString()), source);
        return result.Outcome != ArchiveOutcome.NotFound && await reader.GetAsync(productId, ct) is { } product
            ? TypedResults.Ok(product)
            : HubProblems.NotFound(NotFoundDetail);
    }
}
