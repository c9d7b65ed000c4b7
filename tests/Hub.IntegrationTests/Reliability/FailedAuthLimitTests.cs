using System.Net;
using System.Net.Sockets;
using Xunit.Abstractions;

namespace CatalogHub.IntegrationTests.Reliability;

/// <summary>A hub with the default failed-authentication limit (20 a minute per client).</summary>
public sealed class DefaultAuthLimitHub : TestHub
{
    protected override IEnumerable<string> Arguments => ["--Hub:Auth:FailuresPerMinute=20"];
}

public class FailedAuthLimitTests(DefaultAuthLimitHub hub, ITestOutputHelper output) : IClassFixture<DefaultAuthLimitHub>
{
    [Fact]
    public async Task AHundredFailedAttemptsFromOneClientAreRateLimitedAndOtherClientsAreNot()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 100; i++)
        {
            using var guesser = hub.Client(Api.Auth.ApiKeySecret.Generate());
            using var response = await guesser.GetAsync(i % 2 == 0 ? "/api/products" : $"/api/v1/jobs/{Guid.NewGuid()}");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retryAfter = int.Parse(response.Headers.GetValues("Retry-After").Single());
                Assert.InRange(retryAfter, 1, 60);
                var body = await response.Content.ReadAsStringAsync();
                Assert.Contains("Too many failed authentication attempts", body);
            }
        }

        output.WriteLine($"100 unknown keys from one client: {statuses.Count(s => s == HttpStatusCode.Unauthorized)}×401, {statuses.Count(s => s == HttpStatusCode.TooManyRequests)}×429");
        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(80, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.All(statuses.Skip(20), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));

        // While refused, a right key is refused too (a guesser learns nothing), and so is the sign-in form.
        using (var admin = hub.Client())
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, (await admin.GetAsync("/api/keys")).StatusCode);
        }

        using (var form = hub.Anonymous())
        {
            var signIn = await form.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = hub.AdminKey }));
            Assert.Equal(HttpStatusCode.TooManyRequests, signIn.StatusCode);
        }

        // Anonymous endpoints stay open, and another client (another loopback address) is not affected.
        using (var anonymous = hub.Anonymous())
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/alive")).StatusCode);
        }

        using var other = new HttpClient(new SocketsHttpHandler { ConnectCallback = FromAddressAsync(IPAddress.Parse("127.0.0.2")) })
        {
            BaseAddress = hub.BaseAddress,
        };
        other.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", hub.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/keys")).StatusCode);
    }

    /// <summary>Connects from <paramref name="local"/>: Linux answers the whole 127.0.0.0/8 on loopback, so this is another client address.</summary>
    private static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> FromAddressAsync(IPAddress local) => async (context, ct) =>
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(local, 0));
            await socket.ConnectAsync(context.DnsEndPoint, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    };
}
