using System.Net;

namespace CatalogHub.IntegrationTests.Auth;

public class SignInTests(TestHub hub) : IClassFixture<TestHub>
{
    private HttpClient NoRedirects() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = hub.BaseAddress };

    [Fact]
    public async Task ABrowserWithoutAKeyIsSentToTheSignInPage()
    {
        using var client = NoRedirects();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        request.Headers.Add("Accept", "text/html,application/xhtml+xml");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?returnUrl=%2Fdashboard%2F", response.Headers.Location?.OriginalString);
        Assert.Contains("name=\"key\"", await client.GetStringAsync("/signin"));
    }

    [Fact]
    public async Task ASignInThatIsNotAFormIs415NotA500()
    {
        // Found by the reliability suite's auth matrix: ReadFormAsync threw on a JSON body.
        using var client = NoRedirects();
        var response = await client.PostAsync("/signin", new StringContent("{\"key\":\"hub_x\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("application/x-www-form-urlencoded", await response.Content.ReadAsStringAsync());

        var broken = new StringContent("--b\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nhub_", System.Text.Encoding.UTF8);
        broken.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        var truncated = await client.PostAsync("/signin", broken);
        Assert.True((int)truncated.StatusCode is >= 400 and < 500, $"a truncated multipart form got {(int)truncated.StatusCode}");
    }

    [Fact]
    public async Task AWrongKeyGets401AndNoCookie()
    {
        using var client = NoRedirects();
        var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = "hub_wrong" }));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("not valid", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task AGoodKeySetsAnHttpOnlyCookieThatOpensTheDashboard()
    {
        using var client = NoRedirects();
        var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["key"] = hub.AdminKey,
            ["returnUrl"] = "//evil.example/steal",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard/", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith($"auth_token={hub.AdminKey};", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        using var page = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        page.Headers.Add("Cookie", cookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(page)).StatusCode);
    }
}
