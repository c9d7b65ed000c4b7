using CatalogHub.Api.Problems;
using Microsoft.AspNetCore.Http;

namespace CatalogHub.Api.Ingest;

/// <summary>The ingestion API's error answers, in the contract's shapes (<see cref="SpecErrors"/>, not problem details).</summary>
public static class IngestErrors
{
    public static IResult Error(int status, string message) => SpecErrors.Error(status, message);

    public static IResult Validation(IReadOnlyList<FieldError> errors) => SpecErrors.Validation(errors);

    public static IResult Validation(string field, string message) => Validation([new FieldError(field, message)]);

    public static IResult JobNotFound() => SpecErrors.NotFound("Job not found");
}
