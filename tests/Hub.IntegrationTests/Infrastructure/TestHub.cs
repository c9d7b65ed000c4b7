using System.Net.Http.Headers;
using CatalogHub.Api.Auth;
using CatalogHub.Silo.Database;
using CatalogHub.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CatalogHub.IntegrationTests.Infrastructure;

/// <summary>
/// A whole hub (silo + HTTP API + dashboard) in the test process, on its own migrated database, with real
/// Kestrel on a loopback port. Shared by the tests of one class; each class gets a fresh database.
/// Subclasses add settings (<see cref="Arguments"/>) and services (<see cref="Configure"/>), e.g. test adapters.
/// </summary>
public class TestHub : IAsyncLifetime, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>A hub on an existing database (the class-fixture case gets a fresh migrated one).</summary>
    public static TestHub On(string connectionString) => new() { ConnectionString = connectionString };

    /// <summary>The admin key every hub of the tests is bootstrapped with.</summary>
    public string AdminKey { get; } = ApiKeySecret.Generate();

    public string ConnectionString { get; protected set; } = "";

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        if (ConnectionString.Length == 0)
        {
            ConnectionString = await (await TestPostgres.InstanceAsync()).CreateMigratedDatabaseAsync();
        }

        _app = await HubApplication.CreateAsync(
        [
            "--urls", "http://127.0.0.1:0",
            $"--ConnectionStrings:Hub={ConnectionString}",
            $"--Hub:ClusterId=test-{Guid.NewGuid():N}",
            $"--Hub:SiloPort={PostgresCluster.FreePort()}",
            $"--Hub:GatewayPort={PostgresCluster.FreePort()}",
            $"--Hub:BootstrapAdminKey={AdminKey}",
            "--Logging:LogLevel:Default=Warning",
            // Tests send far more than seed 002's 60 requests a minute with one key; tests of the limits give their
            // keys their own limits, or set these back through Arguments (later settings win).
            "--Hub:Ingest:Limits:RequestsPerMinute=1000000",
            "--Hub:Ingest:Limits:EntriesPerMinute=1000000000",
            // Auth tests send many unknown keys from one address; the failed-attempt limiter's own test sets it back.
            "--Hub:Auth:FailuresPerMinute=1000000",
            // The simulators and receivers of the tests listen on loopback.
            "--Hub:Outbox:AllowPrivateNetworks=true",
            .. Arguments,
        ], Configure);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    /// <summary>Extra command-line settings of this hub.</summary>
    protected virtual IEnumerable<string> Arguments => [];

    /// <summary>Extra services of this hub, registered before the hub's own.</summary>
    protected virtual void Configure(WebApplicationBuilder builder)
    {
    }

    /// <summary>A client with no credentials.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress };

    /// <summary>A client sending <paramref name="key"/> (default: the admin key) as a bearer token.</summary>
    public HttpClient Client(string? key = null)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key ?? AdminKey);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
}
