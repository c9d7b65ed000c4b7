using System.Globalization;
using CatalogHub.Api.Auth;
using CatalogHub.Api.Ingest;
using CatalogHub.Api.Limits;
using CatalogHub.Api.Problems;
using CatalogHub.Grains.Outbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CatalogHub.Api.Outbox;

/// <summary>
/// <c>/api/v1/admin/outbox</c> (admin): every outbox event with its delivery status, the backlog per target, and
/// putting failed events back in line. A store-restricted key sees and retries only its stores' targets.
/// </summary>
public static class OutboxEndpoints
{
    public static IEndpointRouteBuilder MapOutboxEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/admin/outbox").WithTags("Outbox").RequireAuthorization(Scopes.Admin).RequireRequestLimit();
        group.MapGet("/", ListAsync).Produces<ValidationErrorResponse>(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Outbox events, newest first; status (comma-separated: pending, processing, processed, failed), target (store:N, customer:ID, callback:KEY), limit, offset.");
        group.MapGet("/targets", TargetsAsync).WithSummary("Backlog per target: pending, processing and failed events, the oldest pending, the target's kind (null: not configured, its events wait) and its dispatcher (silo, running, outage pause).");
        group.MapPost("/{id}/retry", RetryAsync).Produces<ErrorResponse>(StatusCodes.Status404NotFound).Produces<ErrorResponse>(StatusCodes.Status409Conflict)
            .WithSummary("Put a failed event back in line with fresh attempts (a pending one in back-off goes at once). 409 when it is being delivered or was delivered.");
        group.MapPost("/retry-failed", RetryFailedAsync).WithSummary("Put every failed event of target (or of all targets) back in line; how many.");
        return routes;
    }

    public static async Task<Results<Ok<AdminOutboxPage>, JsonHttpResult<ValidationErrorResponse>, JsonHttpResult<ErrorResponse>>> ListAsync(
        string? status, string? target, string? limit, string? offset, HttpContext http, OutboxReader reader, CancellationToken ct)
    {
        var page = Paging.Parse(limit, offset, out var errors);
        var statuses = status?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (statuses?.FirstOrDefault(s => !OutboxStatuses.All.Contains(s, StringComparer.Ordinal)) is { } unknown)
        {
            errors.Add(new FieldError("status", $"'{unknown}' is not one of: {string.Join(", ", OutboxStatuses.All)}"));
        }

        if (target is { Length: > 300 })
        {
            errors.Add(new FieldError("target", "must be at most 300 characters"));
        }

        if (errors.Count > 0)
        {
            return SpecErrors.Validation(errors);
        }

        if (Forbidden(http, target) is { } forbidden)
        {
            return forbidden;
        }

        var (events, total) = await reader.ListAsync(statuses is { Length: > 0 } ? statuses : null, target, page.Limit, page.Offset, ct);
        return TypedResults.Ok(new AdminOutboxPage(events, new TotalPagination(page.Limit, page.Offset, total)));
    }

    public static async Task<Ok<OutboxTargetBacklog[]>> TargetsAsync(HttpContext http, OutboxReader reader, IGrainFactory grains, CancellationToken ct)
    {
        var backlog = await reader.BacklogAsync(ct);
        if (StoreAccess.StoresOf(http.User) is { } stores)
        {
            backlog = [.. backlog.Where(b => stores.Any(s => b.Target == $"store:{s}"))];
        }

        var withDispatchers = await Task.WhenAll(backlog.Select(async b => b.Kind is null
            ? b
            : b with { Dispatcher = await grains.GetGrain<IOutboxDispatcherGrain>(b.Target).GetStatusAsync() }));
        return TypedResults.Ok(withDispatchers);
    }

    public static async Task<Results<Ok<AdminOutboxEvent>, JsonHttpResult<ErrorResponse>>> RetryAsync(
        string id, HttpContext http, OutboxReader reader, IGrainFactory grains, CancellationToken ct)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) || await reader.FindAsync(seq, ct) is not { } found)
        {
            return SpecErrors.NotFound("Outbox event not found");
        }

        if (Forbidden(http, found.Target) is { } forbidden)
        {
            return forbidden;
        }

        if (!await reader.RetryAsync(seq, ct))
        {
            return SpecErrors.Conflict($"Outbox event {seq} is {found.Status}; only failed or pending events can be retried");
        }

        if (found.Target is { } target)
        {
            await grains.GetGrain<IOutboxDispatcherGrain>(target).WakeAsync();
        }

        return TypedResults.Ok((await reader.FindAsync(seq, ct))!);
    }

    public static async Task<Results<Ok<RetryFailedResult>, JsonHttpResult<ErrorResponse>>> RetryFailedAsync(
        string? target, HttpContext http, OutboxReader reader, IGrainFactory grains, CancellationToken ct)
    {
        if (Forbidden(http, target) is { } forbidden)
        {
            return forbidden;
        }

        var (retried, targets) = await reader.RetryFailedAsync(string.IsNullOrEmpty(target) ? null : target, ct);
        foreach (var touched in targets)
        {
            await grains.GetGrain<IOutboxDispatcherGrain>(touched).WakeAsync();
        }

        return TypedResults.Ok(new RetryFailedResult(retried));
    }

    /// <summary>A store-restricted key may name only its own stores' targets (and must name one).</summary>
    private static JsonHttpResult<ErrorResponse>? Forbidden(HttpContext http, string? target)
    {
        var stores = StoreAccess.StoresOf(http.User);
        if (stores is null)
        {
            return null;
        }

        return target is not null && target.StartsWith("store:", StringComparison.Ordinal) && stores.Contains(target["store:".Length..], StringComparer.Ordinal)
            ? null
            : SpecErrors.Forbidden("This API key is restricted to stores; name one of its stores' targets (target=store:N)");
    }
}
