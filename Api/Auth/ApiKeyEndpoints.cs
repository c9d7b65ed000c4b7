using CatalogHub.Api.Callbacks;
using CatalogHub.Api.Problems;
using CatalogHub.Grains.Outbox;
using Microsoft.AspNetCore.DataProtection;
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
        group.MapPost("/", CreateAsync).WithSummary("Create an API key (name, scopes, store_numbers, limits, callback_url, callback_secret); the response is the only time the key is shown. The callback secret (16–1024 characters) is encrypted and never returned (\"set\").");
        group.MapGet("/", ListAsync).WithSummary("List API keys (never their secrets).");
        group.MapPut("/{id:guid}/limits", SetLimitsAsync)
            .WithSummary("Replace a key's own ingestion limits (body: requests_per_minute, entries_per_minute, max_payload_bytes, max_entries_per_request; null: the configured default). Other silos apply them within 10 s.");
        group.MapPut("/{id:guid}/callback", SetCallbackAsync)
            .WithSummary("Set a key's job completion callback (body: callback_url, the default URL of its jobs, null for none; callback_secret, 16–1024 characters, signs X-Hub-Signature-256, required unless the key has one, never returned).");
        group.MapDelete("/{id:guid}/callback", ClearCallbackAsync)
            .WithSummary("Remove a key's callback URL and secret: its new jobs call back no more; a callback_url on a job start is then refused (422).");
        group.MapDelete("/{id:guid}", RevokeAsync).WithSummary("Revoke an API key; it stops working at once on this silo and within 10 s everywhere.");
        return routes;
    }

    public static async Task<Results<Created<CreatedApiKey>, ProblemHttpResult>> CreateAsync(
        CreateApiKeyRequest request, ApiKeyStore store, IDataProtectionProvider protection, CancellationToken ct)
    {
        var errors = ApiKeyRequestRules.Validate(request);
        if (errors.Count > 0)
        {
            return HubProblems.Validation(errors);
        }

        var callback = new StoredCallback(request.CallbackUrl, Protect(protection, request.CallbackSecret));
        var created = await store.CreateAsync(request.Name!.Trim(), [.. request.Scopes!.Distinct()], request.StoreNumbers, request.Limits, callback, ct);
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

    public static async Task<Results<Ok<ApiKey>, ProblemHttpResult>> SetCallbackAsync(
        Guid id, ApiKeyCallbackRequest request, ApiKeyStore store, IDataProtectionProvider protection, CallbackChooser chooser, CancellationToken ct)
    {
        if (await store.CallbackAsync(id, ct) is not { } current)
        {
            return HubProblems.NotFound($"No API key with id {id}.");
        }

        var errors = CallbackRules.Validate(request.CallbackUrl, request.CallbackSecret, current.HasSecret);
        if (request is { CallbackUrl: null, CallbackSecret: null })
        {
            errors[CallbackRules.UrlField] = ["give callback_url, callback_secret or both (DELETE /api/keys/{id}/callback removes the callback)"];
        }

        if (errors.Count > 0)
        {
            return HubProblems.Validation(errors);
        }

        var key = await store.SetCallbackAsync(id, new StoredCallback(request.CallbackUrl, Protect(protection, request.CallbackSecret)), ct);
        chooser.Forget(id);
        return key is not null ? TypedResults.Ok(key) : HubProblems.NotFound($"No API key with id {id}.");
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ClearCallbackAsync(Guid id, ApiKeyStore store, CallbackChooser chooser, CancellationToken ct)
    {
        var cleared = await store.ClearCallbackAsync(id, ct);
        chooser.Forget(id);
        return cleared ? TypedResults.NoContent() : HubProblems.NotFound($"No API key with id {id}.");
    }

    public static async Task<Ok<IReadOnlyList<ApiKey>>> ListAsync(ApiKeyStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ListAsync(ct));

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        Guid id, ApiKeyStore store, CancellationToken ct) =>
        await store.RevokeAsync(id, ct) ? TypedResults.NoContent() : HubProblems.NotFound($"No API key with id {id}.");

    /// <summary>A callback secret encrypted like the delivery targets' secrets (purpose <see cref="SecretPurposes.Delivery"/>).</summary>
    private static string? Protect(IDataProtectionProvider protection, string? secret) =>
        secret is null ? null : protection.CreateProtector(SecretPurposes.Delivery).Protect(secret);
}
