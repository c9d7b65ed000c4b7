using System.Net.Sockets;
using System.Text.Json;
using CatalogHub.Api.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CatalogHub.UnitTests;

public class DatabaseUnavailableTests
{
    private static PostgresException Server(string state) => new("message", "FATAL", "FATAL", state);

    public static TheoryData<Exception> Unavailable => new()
    {
        new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)),
        new NpgsqlException("Exception while reading from stream", new IOException("Connection reset by peer")),
        new NpgsqlException("Exception while reading from stream", new TimeoutException()),
        new SocketException((int)SocketError.ConnectionRefused),
        Server(PostgresErrorCodes.AdminShutdown),
        Server(PostgresErrorCodes.CannotConnectNow),
        Server(PostgresErrorCodes.ConnectionFailure),
        Server(PostgresErrorCodes.TooManyConnections),
        // A grain on another silo failed with it: Orleans has no codec for Npgsql's exceptions.
        new Orleans.Serialization.CodecNotFoundException("Could not find a codec for type Npgsql.PostgresException."),
        // As an Orleans storage provider or a grain call wraps it.
        new InvalidOperationException("storage", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))),
    };

    public static TheoryData<Exception> Other => new()
    {
        new InvalidOperationException("boom"),
        new Orleans.Serialization.CodecNotFoundException("Could not find a codec for type CatalogHub.Something."),
        new NpgsqlException("a bug in a statement"),
        Server(PostgresErrorCodes.UniqueViolation),
        Server(PostgresErrorCodes.SerializationFailure),
        Server(PostgresErrorCodes.DeadlockDetected),
        new InvalidOperationException("wrapped", Server(PostgresErrorCodes.SyntaxError)),
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public void AConnectionFailureMeansTheDatabaseIsUnavailable(Exception exception) => Assert.True(DatabaseUnavailable.Matches(exception));

    [Theory]
    [MemberData(nameof(Other))]
    public void OtherFailuresDoNot(Exception exception) => Assert.False(DatabaseUnavailable.Matches(exception));

    private static async Task<(bool Handled, DefaultHttpContext Context, string Body)> HandleAsync(string path, Exception exception)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        // Never opened: the handler only clears its (empty) pool.
        await using var dataSource = Npgsql.NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Database=none");
        var handled = await new DatabaseUnavailableExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), dataSource)
            .TryHandleAsync(context, exception, CancellationToken.None);
        context.Response.Body.Position = 0;
        return (handled, context, await new StreamReader(context.Response.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task TheIngestionApiAnswers503WithRetryAfterInItsOwnErrorShape()
    {
        var (handled, context, body) = await HandleAsync("/api/v1/ingest/products/9975", Server(PostgresErrorCodes.AdminShutdown));

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal(DatabaseUnavailableExceptionHandler.Message, JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task TheRestOfTheHubAnswers503WithRetryAfterAsProblemDetailsWithoutTheException()
    {
        var (handled, context, body) = await HandleAsync("/api/products", new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)));

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal(503, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherExceptionsAreLeftToTheNextHandler()
    {
        var (handled, context, _) = await HandleAsync("/api/products", new InvalidOperationException("boom"));

        Assert.False(handled);
        Assert.Equal(0, context.Response.Body.Length);
    }
}
