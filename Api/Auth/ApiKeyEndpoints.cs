using CatalogHub.Api.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CatalogHub.Api.Auth;

/// <summary><c>/api/keys</c>: create, list and revoke API keys (admin).</summary>
public static class ApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/keys").WithTags("API keys").RequireAuthorization(Scopes.Admin);
        group.MapPost("/", CreateAsync).WithSummary("Create an API key (name, scopes, store_numbers, limits); the response is the only time the key is shown.");
        group.MapGet("/", ListAsync).WithSummary("List API keys (never their secrets).");
        group.MapPut("/{id:guid}/limits", SetLimitsAsync)
            .WithSummary("Replace a key's own ingestion limits (body: requests_per_minute, entries_per_minute, max_payload_bytes, max_entries_per_request; null: the configured default). Other silos apply them within 10 s.");
        group.MapDelete("/{id:guid}", RevokeAsync).WithSummary("Revoke an API key; it stops working at once on this silo and within 10 s everywhere.");
        return routes;
    }

    public static async Task<Results<Created<CreatedApiKey>, ProblemHttpResult>> CreateAsync(
        CreateApiKeyRequest request, ApiKeyStore store, CancellationToken ct)
    {
        var errors = ApiKeyRequestRules.Validate(request);
        if (errors.Count > 0)
        {
            return HubProblems.Validation(errors);
        }

        var created = await store.CreateAsync(request.Name!.Trim(), [.. request.Scopes!.Distinct()], request.StoreNumbers, request.Limits, ct);
        return TypedResults.Created($"/api/keys/{created.Id}", created);
    }

    public static async Task<Results<Ok<ApiKey>, ProblemHttpResult>> SetLimitsAsync(
        Guid id, ApiKeyLimits limits, ApiKeyStore store, CancellationToken ct)
    {
        var errors = ApiKeyRequestRules.ValidateLimits(limits);
        if (errors.Count > 0)
        {
            return HubProblems.Validation(errors);
        }

        return await store.SetLimitsAsync(id, limits, ct) is { } key
            ? TypedResults.Ok(key)
            : HubProblems.NotFound($"No API key with id {id}.");
    }

    public static async Task<Ok<IReadOnlyList<ApiKey>>> ListAsync(ApiKeyStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ListAsync(ct));

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        Guid id, ApiKeyStore store, CancellationToken ct) =>
        await store.RevokeAsync(id, ct) ? TypedResults.NoContent() : HubProblems.NotFound($"No API key with id {id}.");
}
