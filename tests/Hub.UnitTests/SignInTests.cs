using CatalogHub.Api.Auth;

namespace CatalogHub.UnitTests;

public class SignInTests
{
    [Theory]
    [InlineData("/dashboard/#/silos", "/dashboard/#/silos")]
    [InlineData("/api/keys", "/api/keys")]
    [InlineData(null, "/dashboard/")]
    [InlineData("", "/dashboard/")]
    [InlineData("https://evil.example/", "/dashboard/")]
    [InlineData("//evil.example/", "/dashboard/")]
    [InlineData("/\\evil.example/", "/dashboard/")]
    [InlineData("/\t/evil.example/", "/dashboard/")]
    [InlineData("/\n/evil.example/", "/dashboard/")]
    [InlineData("/ /evil.example/", "/dashboard/")]
    public void OnlyLocalReturnUrlsAreFollowed(string? requested, string expected) =>
        Assert.Equal(expected, SignInEndpoints.SafeReturnUrl(requested));
}
