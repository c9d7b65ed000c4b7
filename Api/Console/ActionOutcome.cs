using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CatalogHub.Api.Console;

/// <summary>
/// What an API handler answered to an action the console ran through it, as the console shows it: success or the
/// problem's detail, and the sync job a 409 names (<c>sync_job_id</c>). Pure.
/// </summary>
public sealed record ActionOutcome(bool Succeeded, int Status, string Message, Guid? JobId)
{
    public static ActionOutcome Forbidden { get; } = new(false, StatusCodes.Status403Forbidden, "This API key may only read: actions need the admin scope.", null);

    /// <summary>Reads <paramref name="result"/>; <paramref name="success"/> is the sentence for a 2xx answer.</summary>
    public static ActionOutcome From(IResult result, string success)
    {
        if (result is ProblemHttpResult problem)
        {
            var details = problem.ProblemDetails;
            Guid? job = details.Extensions.TryGetValue("sync_job_id", out var id) && id is Guid g ? g : null;
            return new ActionOutcome(false, details.Status ?? problem.StatusCode, details.Detail ?? details.Title ?? "The action failed.", job);
        }

        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
        if (status is >= 200 and < 300)
        {
            return new ActionOutcome(true, status, success, null);
        }

        // The ingestion API's error shape (seed 002): {"error": "..."}.
        return result is IValueHttpResult { Value: Problems.ErrorResponse error }
            ? new ActionOutcome(false, status, error.Error, null)
            : new ActionOutcome(false, status, $"The action failed ({status}).", null);
    }
}
