namespace CatalogHub.IntegrationTests.Infrastructure;

/// <summary>Two silo processes of one cluster, both healthy, with an admin client for each.</summary>
public sealed class SiloPair : IAsyncDisposable
{
    private SiloPair(SiloProcess a, SiloProcess b, string adminKey)
    {
        A = a;
        B = b;
        ViaA = HubClients.For(a.BaseAddress, adminKey);
        ViaB = HubClients.For(b.BaseAddress, adminKey);
    }

    public SiloProcess A { get; }

    public SiloProcess B { get; }

    public HttpClient ViaA { get; }

    public HttpClient ViaB { get; }

    /// <summary>Starts both with <paramref name="environment"/> (which bootstraps <paramref name="adminKey"/>) and waits until both are healthy.</summary>
    public static async Task<SiloPair> StartAsync(IReadOnlyDictionary<string, string?> environment, string adminKey)
    {
        var pair = new SiloPair(SiloProcess.Start(environment), SiloProcess.Start(environment), adminKey);
        try
        {
            await Task.WhenAll(pair.A.WaitHealthyAsync(), pair.B.WaitHealthyAsync());
        }
        catch
        {
            // The caller never gets the pair to dispose: without this the silo processes outlive the test run.
            await pair.DisposeAsync();
            throw;
        }

        return pair;
    }

    public void Deconstruct(out SiloProcess a, out SiloProcess b, out HttpClient viaA, out HttpClient viaB) => (a, b, viaA, viaB) = (A, B, ViaA, ViaB);

    public async ValueTask DisposeAsync()
    {
        ViaA.Dispose();
        ViaB.Dispose();
        await A.DisposeAsync();
        await B.DisposeAsync();
    }
}
