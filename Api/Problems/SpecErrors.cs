using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CatalogHub.Api.Problems;

/// <summary>Seed 002's <c>ErrorResponse</c>: <c>{"error": "..."}</c>, the error shape of everything under <c>/api/v1</c>.</summary>
public sealed record ErrorResponse([property: JsonPropertyName("error")] string Error);

/// <summary>One field of a <see cref="ValidationErrorResponse"/>.</summary>
public sealed record FieldError(
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("message")] string Message);

/// <summary>Seed 002's <c>ValidationErrorResponse</c> (422): <c>{"error": "Request validation failed", "validation_errors": [...]}</c>.</summary>
public sealed record ValidationErrorResponse(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("validation_errors")] IReadOnlyList<FieldError> ValidationErrors);

/// <summary>Seed 002's <c>RateLimitErrorResponse</c> (429), sent with a <c>Retry-After</c> header of the same seconds.</summary>
public sealed record RateLimitErrorResponse(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("retry_after")] int RetryAfter);

/// <summary>
/// The ingestion API's answers for expected failures. Under <c>/api/v1</c> the seed's contract fixes the error
/// shape (<c>{"error": ...}</c>); the rest of the hub answers RFC 7807 problem details (<see cref="HubProblems"/>).
/// </summary>
public static class SpecErrors
{
    /// <summary>The path prefix whose errors take the seed's shape.</summary>
    public const string PathPrefix = "/api/v1";

    /// <summary>The <c>error</c> of every 422.</summary>
    public const string ValidationFailed = "Request validation failed";

    /// <summary>True for requests under <see cref="PathPrefix"/>.</summary>
    public static bool Applies(HttpRequest request) => request.Path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary><paramref name="status"/> with <c>{"error": message}</c>.</summary>
    public static JsonHttpResult<ErrorResponse> Error(int status, string message) =>
        TypedResults.Json(new ErrorResponse(message), statusCode: status);

    /// <summary>404 with <c>{"error": message}</c>, e.g. "Store not found".</summary>
    public static JsonHttpResult<ErrorResponse> NotFound(string message) => Error(StatusCodes.Status404NotFound, message);

    /// <summary>409 with <c>{"error": message}</c>.</summary>
    public static JsonHttpResult<ErrorResponse> Conflict(string message) => Error(StatusCodes.Status409Conflict, message);

    /// <summary>403 with <c>{"error": message}</c>.</summary>
    public static JsonHttpResult<ErrorResponse> Forbidden(string message) => Error(StatusCodes.Status403Forbidden, message);

    /// <summary>400 for a body that is not JSON at all.</summary>
    public static JsonHttpResult<ErrorResponse> MalformedJson() => Error(StatusCodes.Status400BadRequest, "Request body is not valid JSON");

    /// <summary>422 naming each field that is wrong.</summary>
    public static JsonHttpResult<ValidationErrorResponse> Validation(IEnumerable<FieldError> errors) =>
        TypedResults.Json(new ValidationErrorResponse(ValidationFailed, [.. errors]), statusCode: StatusCodes.Status422UnprocessableEntity);

    /// <summary>The 403 of a store-restricted key used for another store.</summary>
    public static JsonHttpResult<ErrorResponse> StoreForbidden(string storeNumber) =>
        Forbidden($"API key is not allowed for store {storeNumber}");
}
