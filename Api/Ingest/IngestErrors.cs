using Microsoft.AspNetCore.Http;

namespace CatalogHub.Api.Ingest;

/// <summary>One field's problem in a 422 answer.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>Seed 002's <c>{"error": ...}</c> body.</summary>
public sealed record ErrorBody(string Error);

/// <summary>Seed 002's 422 body: <c>{"error": "Request validation failed", "validation_errors": [...]}</c>.</summary>
public sealed record ValidationErrorBody(string Error, IReadOnlyList<FieldError> ValidationErrors);

/// <summary>The ingestion API's error answers, in the contract's shapes (not problem details).</summary>
public static class IngestErrors
{
    public static IResult Error(int status, string message) => TypedResults.Json(new ErrorBody(message), statusCode: status);

    public static IResult Validation(IReadOnlyList<FieldError> errors) =>
        TypedResults.Json(new ValidationErrorBody("Request validation failed", errors), statusCode: StatusCodes.Status422UnprocessableEntity);

    public static IResult Validation(string field, string message) => Validation([new FieldError(field, message)]);

    public static IResult JobNotFound() => Error(StatusCodes.Status404NotFound, "Job not found");
}
