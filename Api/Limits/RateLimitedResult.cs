using System.Globalization;
using CatalogHub.Api.Problems;
using Microsoft.AspNetCore.Http;

namespace CatalogHub.Api.Limits;

/// <summary>
/// Seed 002's 429: <c>{"error": "Rate limit exceeded: …", "retry_after": n}</c> with a <c>Retry-After: n</c> header
/// (whole seconds, at least 1).
/// </summary>
public sealed class RateLimitedResult(int retryAfterSeconds, string message)
    : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<RateLimitErrorResponse>, IContentTypeHttpResult
{
    public RateLimitErrorResponse Value { get; } = new(message, Math.Max(1, retryAfterSeconds));

    int? IStatusCodeHttpResult.StatusCode => StatusCodes.Status429TooManyRequests;

    object? IValueHttpResult.Value => Value;

    string IContentTypeHttpResult.ContentType => "application/json";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.RetryAfter = Value.RetryAfter.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Json(Value, statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(httpContext);
    }
}
