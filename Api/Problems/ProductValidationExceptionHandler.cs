using CatalogHub.Grains.Catalog;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace CatalogHub.Api.Problems;

/// <summary>
/// A product the catalog refused to write (<see cref="ProductValidationException"/>, thrown by the product
/// grain: an unknown <c>category_id</c>, content rules) is the client's mistake: 422 naming the fields, for
/// every endpoint that writes products through the grain, never 500.
/// </summary>
public sealed class ProductValidationExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if ((exception as ProductValidationException ?? exception.InnerException as ProductValidationException) is not { } invalid)
        {
            return false;
        }

        await HubProblems.Validation(new Dictionary<string, string[]>(invalid.Errors)).ExecuteAsync(httpContext);
        return true;
    }
}
