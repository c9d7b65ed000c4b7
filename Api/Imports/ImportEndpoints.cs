using System.Globalization;
using System.Security.Claims;
using System.ComponentModel;
using CatalogHub.Api.Auth;
using CatalogHub.Api.Callbacks;
using CatalogHub.Api.Limits;
using CatalogHub.Api.Problems;
using CatalogHub.Grains.Callbacks;
using CatalogHub.Grains.Imports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Orleans;

namespace CatalogHub.Api.Imports;

/// <summary>
/// Feed imports (seed 003): <c>POST /api/v1/catalogs/{catalog}/imports</c> stores the feed, queues it on the
/// catalog's <see cref="IImportQueueGrain"/> and waits up to <c>blockingTimeout</c> for its end (200 SUCCESS, 400
/// FAILURE, else 202 WAITING / IN_PROGRESS); <c>/api/v1/imports/{id}</c> follows, cancels and downloads imports.
/// </summary>
public static class ImportEndpoints
{
    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder routes)
    {
        var catalogs = routes.MapGroup("/api/v1/catalogs/{catalog}/imports").WithTags("Feed imports").RequireAuthorization(Scopes.Ingest).RequireRequestLimit();
        catalogs.MapPost("", PostAsync).WithName("postFeedImport").WithOwnBodyLimit()
            .WithSummary("Import a feed (type full, partial or attributes; JSON or NDJSON, optionally gzip); answers when done within blockingTimeout, else 202. callback_url (query): where the import's end (SUCCESS, FAILURE, ABORTED) is POSTed, signed with the key's callback secret; default: the key's callback_url.")
            .Produces<ImportStatusBody>(StatusCodes.Status200OK).Produces<ImportStatusBody>(StatusCodes.Status202Accepted)
            .Produces<ImportStatusBody>(StatusCodes.Status400BadRequest).Produces<ErrorResponse>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ErrorResponse>(StatusCodes.Status415UnsupportedMediaType).Produces<ValidationErrorResponse>(StatusCodes.Status422UnprocessableEntity);
        catalogs.MapGet("", ListAsync).WithName("listFeedImports").WithSummary("The catalog's import queue (running, then waiting in order) and its latest finished imports.")
            .Produces<CatalogImportsBody>();
        var imports = routes.MapGroup("/api/v1/imports").WithTags("Feed imports").RequireAuthorization(Scopes.Ingest).RequireRequestLimit();
        imports.MapGet("/{id}", GetAsync).WithName("getFeedImport").WithSummary("An import's status (NOT_FOUND for unknown or expired ids; kept 7 days).")
            .Produces<ImportStatusBody>().Produces<ImportStatusBody>(StatusCodes.Status404NotFound);
        imports.MapDelete("/{id}", CancelAsync).WithName("cancelFeedImport").WithSummary("Cancel a WAITING import: it ends ABORTED, nothing applied.")
            .Produces<ImportStatusBody>().Produces<ImportStatusBody>(StatusCodes.Status404NotFound).Produces<ImportStatusBody>(StatusCodes.Status409Conflict);
        imports.MapGet("/{id}/feed", FeedAsync).WithName("getFeedImportBody").WithSummary("The stored feed of a failed import, as it was sent (kept 7 days).")
            .Produces(StatusCodes.Status200OK, contentType: "application/x-ndjson").Produces<ErrorResponse>(StatusCodes.Status404NotFound);
        return routes;
    }

    public static async Task<IResult> PostAsync(
        string catalog, string? type, string? blockingTimeout, string? force, string? name, string? validationOnly,
        [FromQuery(Name = "callback_url"), Description(CallbackDoc.Parameter)] string? callbackUrl,
        HttpContext http, ImportReceiver receiver, ImportReader reader, IGrainFactory grains, IOptions<ImportOptions> options,
        CallbackChooser callbacks, JobCallbackWriter callbackWriter)
    {
        var (request, errors, unsupported) = ImportRequestRules.Parse(catalog, type, blockingTimeout, force, name, validationOnly,
            http.Request.ContentType, http.Request.Headers.ContentEncoding.ToString());
        if (Denied(http.User, catalog) is { } denied)
        {
            return denied;
        }

        var (callback, callbackError) = errors.Count == 0 && unsupported is null
            ? await callbacks.ChooseAsync(http.User, callbackUrl, useDefault: true, http.RequestAborted)
            : (null, null);
        if (callbackError is not null)
        {
            errors.Add(new FieldError(CallbackRules.UrlField, callbackError));
        }

        if (errors.Count > 0)
        {
            return SpecErrors.Validation(errors);
        }

        if (unsupported is not null)
        {
            return SpecErrors.Error(StatusCodes.Status415UnsupportedMediaType, unsupported);
        }

        if (http.Request.ContentLength > options.Value.MaxBodyBytes)
        {
            // Refused before a byte is read (or a row written); a chunked body is counted as it is stored.
            return SpecErrors.Error(StatusCodes.Status413PayloadTooLarge, $"The feed exceeds the {options.Value.MaxBodyBytes} bytes allowed");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null; // Hub:Imports:MaxBodyBytes answers, not the server's default.
        }

        var keyId = Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var k) ? k : (Guid?)null;
        if (await receiver.StoreAsync(request!, keyId, callback?.Url, http.Request.Body, options.Value.MaxBodyBytes, http.RequestAborted) is not { } id)
        {
            return SpecErrors.Error(StatusCodes.Status413PayloadTooLarge, $"The feed exceeds the {options.Value.MaxBodyBytes} bytes allowed");
        }

        var queue = grains.GetGrain<IImportQueueGrain>(request!.Catalog);
        if (request.ValidationOnly)
        {
            await queue.ValidateAsync(id);
            return Answer(await reader.FindAsync(id, CancellationToken.None), final: true);
        }

        await queue.EnqueueAsync(id);
        return await WaitAsync(id, request.BlockingTimeout, http, reader, callbackWriter);
    }

    /// <summary>Polls the import until it ends or the blocking timeout passes; a client gone while it waits aborts it.</summary>
    private static async Task<IResult> WaitAsync(long id, TimeSpan timeout, HttpContext http, ImportReader reader, JobCallbackWriter callbacks)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            var view = await reader.FindAsync(id, CancellationToken.None);
            var left = deadline - DateTimeOffset.UtcNow;
            if (view is null || ImportStatuses.IsFinished(view.Status) || left <= TimeSpan.Zero)
            {
                return Answer(view, final: false);
            }

            try
            {
                await Task.Delay(left < delay ? left : delay, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // Seed 003: a client that disconnects before its import started processing aborts it; once running, it runs on.
                await reader.AbortIfWaitingAsync(id, "The client disconnected before the import started; nothing was applied.", callbacks, CancellationToken.None);
                return Results.Empty;
            }

            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
        }
    }

    private static IResult Answer(ImportStatusBody? view, bool final)
    {
        if (view is null)
        {
            return SpecErrors.Error(StatusCodes.Status500InternalServerError, "The import vanished while it was answered");
        }

        var status = view.Status switch
        {
            ImportStatuses.Success => StatusCodes.Status200OK,
            ImportStatuses.Failure => StatusCodes.Status400BadRequest,
            ImportStatuses.Aborted => StatusCodes.Status409Conflict,
            _ when final => StatusCodes.Status500InternalServerError,
            _ => StatusCodes.Status202Accepted,
        };
        return TypedResults.Json(view, statusCode: status);
    }

    public static async Task<IResult> ListAsync(string catalog, string? limit, HttpContext http, ImportReader reader, CancellationToken ct)
    {
        if (Denied(http.User, catalog) is { } denied)
        {
            return denied;
        }

        if (!ImportRequestRules.IsCatalog(catalog))
        {
            return SpecErrors.Validation([new FieldError("catalog", "must be store:{store_number} or supplier:{uuid}")]);
        }

        var history = 20;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out history) || history is < 1 or > 1000))
        {
            return SpecErrors.Validation([new FieldError("limit", "must be 1 to 1000")]);
        }

        return TypedResults.Ok(await reader.ListAsync(catalog, history, ct));
    }

    public static async Task<IResult> GetAsync(string id, HttpContext http, ImportReader reader, CancellationToken ct)
    {
        var (view, denied) = await FindAsync(id, http, reader, ct);
        return denied ?? TypedResults.Ok(view);
    }

    public static async Task<IResult> CancelAsync(string id, HttpContext http, ImportReader reader, JobCallbackWriter callbacks, CancellationToken ct)
    {
        var (view, denied) = await FindAsync(id, http, reader, ct);
        if (denied is not null)
        {
            return denied;
        }

        if (await reader.AbortIfWaitingAsync(long.Parse(view!.Id, CultureInfo.InvariantCulture), "Cancelled by the client; nothing was applied.", callbacks, ct))
        {
            return TypedResults.Ok(await reader.FindAsync(long.Parse(view.Id, CultureInfo.InvariantCulture), ct));
        }

        var now = await reader.FindAsync(long.Parse(view.Id, CultureInfo.InvariantCulture), ct) ?? view;
        return TypedResults.Json(now with { Reason = $"Only a WAITING import can be cancelled; this one is {now.Status}." }, statusCode: StatusCodes.Status409Conflict);
    }

    public static async Task<IResult> FeedAsync(string id, HttpContext http, ImportReader reader, CancellationToken ct)
    {
        var (view, denied) = await FindAsync(id, http, reader, ct);
        if (denied is not null)
        {
            return denied;
        }

        return await reader.WriteFeedAsync(long.Parse(view!.Id, CultureInfo.InvariantCulture), http.Response, ct)
            ? Results.Empty
            : SpecErrors.NotFound("Only the feed of a FAILURE import is kept");
    }

    private static async Task<(ImportStatusBody? View, IResult? Denied)> FindAsync(string id, HttpContext http, ImportReader reader, CancellationToken ct)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || await reader.FindAsync(n, ct) is not { } view)
        {
            return (null, TypedResults.Json(ImportStatusBody.NotFound(id), statusCode: StatusCodes.Status404NotFound));
        }

        return (view, Denied(http.User, view.Catalog!));
    }

    /// <summary>A store-restricted key may import into (and read) only its stores' catalogs.</summary>
    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<ErrorResponse>? Denied(ClaimsPrincipal user, string catalog)
    {
        if (StoreAccess.StoresOf(user) is null)
        {
            return null;
        }

        return ImportRequestRules.StoreOf(catalog) is { } store && StoreAccess.Allows(user, store)
            ? null
            : SpecErrors.Forbidden($"API key is not allowed for catalog {catalog}");
    }
}
