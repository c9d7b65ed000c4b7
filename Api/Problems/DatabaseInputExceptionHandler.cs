using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace CatalogHub.Api.Problems;

/// <summary>
/// Safety net: text PostgreSQL cannot store (a NUL character) is the client's mistake, so it answers 400
/// instead of 500 even where an endpoint's own validation missed it.
/// </summary>
public sealed class DatabaseInputExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var postgres = exception as PostgresException ?? exception.InnerException as PostgresException;
        if (postgres?.SqlState is not (PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request contains text that cannot be stored.",
                Detail = "Text values must not contain NUL (\\u0000) characters.",
            },
        });
    }
}
