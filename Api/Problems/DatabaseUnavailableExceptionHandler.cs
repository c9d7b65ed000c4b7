using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CatalogHub.Api.Problems;

/// <summary>
/// A request that failed because the database could not be reached (<see cref="DatabaseUnavailable"/>) answers 503 with
/// <c>Retry-After</c>: under <c>/api/v1</c> with the seed's <c>{"error": ...}</c>, elsewhere as problem details. Nothing
/// of the exception is sent; the hub recovers by itself once the database is back (the pools reconnect).
/// </summary>
public sealed class DatabaseUnavailableExceptionHandler(IProblemDetailsService problems, Npgsql.NpgsqlDataSource dataSource) : IExceptionHandler
{
    public const string Message = "The database is unavailable; retry later.";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseUnavailable.Matches(exception))
        {
            return false;
        }

        // Whatever connection failed, its pool may hold more the server has dropped: the client's retry gets a fresh one.
        DatabaseUnavailable.ClearPools(dataSource);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = DatabaseUnavailable.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        if (SpecErrors.Applies(httpContext.Request))
        {
            await httpContext.Response.WriteAsJsonAsync(new ErrorResponse(Message), cancellationToken);
            return true;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = Message },
        });
    }
}
