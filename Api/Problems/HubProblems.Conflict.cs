using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CatalogHub.Api.Problems;

public static partial class HubProblems
{
    /// <summary>409 with a sentence saying why the request conflicts with the current state.</summary>
    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Conflict",
            Detail = detail,
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        });
}
