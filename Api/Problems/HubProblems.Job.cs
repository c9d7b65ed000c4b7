using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CatalogHub.Api.Problems;

public static partial class HubProblems
{
    /// <summary>409 naming the sync job in the way (<c>sync_job_id</c>), e.g. the running import of the same mode.</summary>
    public static ProblemHttpResult ConflictWithJob(string detail, Guid syncJobId)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Conflict",
            Detail = detail,
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        };
        problem.Extensions["sync_job_id"] = syncJobId;
        return TypedResults.Problem(problem);
    }
}
