using System.Text.Json;
using CatalogHub.Api.Problems;
using CatalogHub.Grains.Catalog;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CatalogHub.UnitTests;

public class ProductValidationExceptionHandlerTests
{
    private static async Task<(bool Handled, DefaultHttpContext Context)> HandleAsync(Exception exception)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider(),
        };
        context.Response.Body = new MemoryStream();
        var handled = await new ProductValidationExceptionHandler().TryHandleAsync(context, exception, CancellationToken.None);
        context.Response.Body.Position = 0;
        return (handled, context);
    }

    [Fact]
    public async Task AnUnknownCategoryIsA422NamingCategoryId()
    {
        var category = Guid.NewGuid();

        var (handled, context) = await HandleAsync(ProductValidationException.UnknownCategory(category));

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status422UnprocessableEntity, context.Response.StatusCode);
        Assert.Equal("application/problem+json", context.Response.ContentType);
        using var problem = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal(422, problem.RootElement.GetProperty("status").GetInt32());
        var message = Assert.Single(problem.RootElement.GetProperty("errors").GetProperty("category_id").EnumerateArray());
        Assert.Contains(category.ToString(), message.GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherExceptionsAreLeftToTheNextHandler()
    {
        var (handled, context) = await HandleAsync(new InvalidOperationException("boom"));

        Assert.False(handled);
        Assert.Equal(0, context.Response.Body.Length);
    }
}
