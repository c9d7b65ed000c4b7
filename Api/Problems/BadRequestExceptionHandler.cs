using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CatalogHub.Api.Problems;

/// <summary>
/// A request the framework cannot bind (a query value that is not an integer, a body that is not JSON or not of the
/// parameter's shape, a body over Kestrel's limit) answers its status (400, 413, 415...) with a body that says what
/// was wrong, instead of a bare "Bad Request": <c>RouteHandlerOptions.ThrowOnBadRequest</c> turns those answers into
/// <see cref="BadHttpRequestException"/>s, which arrive here. A JSON body whose strings are not valid UTF-8 is 400 too:
/// System.Text.Json reports it as an <see cref="InvalidOperationException"/> ("Cannot transcode invalid UTF-8"), which
/// neither the binder nor our own parsers take for a JSON error. Problem details, or <c>{"error": ...}</c> under
/// <c>/api/v1</c>, whose contract fixes that shape.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, Describe(bad)),
            _ when IsInvalidUtf8(exception) => (StatusCodes.Status400BadRequest, "The request body is not valid UTF-8: a string holds bytes that are not UTF-8 text."),
            _ => (0, ""),
        };
        if (status == 0 || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        if (SpecErrors.Applies(httpContext.Request))
        {
            await httpContext.Response.WriteAsJsonAsync(new ErrorResponse(detail), cancellationToken);
            return true;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
        });
    }

    /// <summary>True for System.Text.Json's refusal of a string that is not UTF-8 (also when the binder wrapped it).</summary>
    public static bool IsInvalidUtf8(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is System.Text.DecoderFallbackException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The framework's message, with the JSON reader's (which names the path and position) when there is one.</summary>
    public static string Describe(BadHttpRequestException exception) =>
        exception.InnerException is JsonException json ? $"{exception.Message} {json.Message}" : exception.Message;
}
