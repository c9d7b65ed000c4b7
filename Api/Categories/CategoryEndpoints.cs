using CatalogHub.Api.Auth;
using CatalogHub.Api.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CatalogHub.Api.Categories;

/// <summary><c>/api/categories</c>: the category tree (read) and its changes (admin).</summary>
public static class CategoryEndpoints
{
    public static IEndpointRouteBuilder MapCategoryEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/categories").WithTags("Categories").RequireAuthorization(Scopes.Read);
        group.MapGet("/", ListAsync).WithSummary("The category tree: root categories with nested children, each level sorted by name.");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("One category with its subtree.");
        group.MapPost("/", CreateAsync).RequireAuthorization(Scopes.Admin)
            .WithSummary("Create a category, at the root or under parent_id.");
        group.MapPatch("/{id:guid}", UpdateAsync).RequireAuthorization(Scopes.Admin)
            .WithSummary("Rename (name) and/or move (parent_id; null moves to the root) a category with its subtree.");
        group.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(Scopes.Admin)
            .WithSummary("Delete a category that has no children and no products.");
        return routes;
    }

    public static async Task<Ok<IReadOnlyList<CategoryNode>>> ListAsync(CategoryStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.TreeAsync(ct));

    public static async Task<Results<Ok<CategoryNode>, ProblemHttpResult>> GetAsync(Guid id, CategoryStore store, CancellationToken ct) =>
        await store.SubtreeAsync(id, ct) is { } node ? TypedResults.Ok(node) : NotFound(id);

    public static async Task<Results<Created<CategoryNode>, ProblemHttpResult>> CreateAsync(
        CreateCategoryRequest request, CategoryStore store, CancellationToken ct)
    {
        var errors = CategoryRules.ValidateCreate(request);
        if (errors.Count > 0)
        {
            return HubProblems.Validation(errors);
        }

        var result = await store.CreateAsync(request.Name!.Trim(), request.ParentId, ct);
        return result.Outcome == CategoryOutcome.Done
            ? TypedResults.Created($"/api/categories/{result.Category!.Id}", result.Category)
            : Problem(result.Outcome, Guid.Empty, request.ParentId);
    }

    public static async Task<Results<Ok<CategoryNode>, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateCategoryRequest request, CategoryStore store, CancellationToken ct)
    {
        var (patch, errors) = CategoryRules.ParsePatch(request);
        if (patch is null)
        {
            return HubProblems.Validation(errors);
        }

        var result = await store.UpdateAsync(id, patch, ct);
        return result.Outcome == CategoryOutcome.Done ? TypedResults.Ok(result.Category!) : Problem(result.Outcome, id, patch.ParentId);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, CategoryStore store, CancellationToken ct)
    {
        var result = await store.DeleteAsync(id, ct);
        return result.Outcome switch
        {
            CategoryDeleteOutcome.Deleted => TypedResults.NoContent(),
            CategoryDeleteOutcome.NotFound => NotFound(id),
            CategoryDeleteOutcome.HasChildren => HubProblems.Conflict(
                $"Category {id} has {result.Count} child categories; move or delete them first."),
            _ => HubProblems.Conflict(
                $"Category {id} has products assigned ({result.Count}); assign them to another category first."),
        };
    }

    private static ProblemHttpResult NotFound(Guid id) => HubProblems.NotFound($"No category with id {id}.");

    private static ProblemHttpResult Problem(CategoryOutcome outcome, Guid id, Guid? parentId) => outcome switch
    {
        CategoryOutcome.NotFound => NotFound(id),
        CategoryOutcome.ParentNotFound => HubProblems.Validation(new Dictionary<string, string[]>
        {
            ["parent_id"] = [$"no category with id {parentId}"],
        }),
        CategoryOutcome.UnderItself => HubProblems.Conflict($"Category {id} cannot be moved under itself."),
        CategoryOutcome.UnderOwnDescendant => HubProblems.Conflict(
            $"Category {id} cannot be moved under {parentId}: that is one of its own descendants, and the tree would get a cycle."),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
