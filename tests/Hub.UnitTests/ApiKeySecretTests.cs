using CatalogHub.Api.Auth;

namespace CatalogHub.UnitTests;

public class ApiKeySecretTests
{
    [Fact]
    public void GeneratedKeysAreUniqueLongAndPrefixed()
    {
        var a = ApiKeySecret.Generate();
        var b = ApiKeySecret.Generate();
        Assert.NotEqual(a, b);
        Assert.StartsWith(ApiKeySecret.KeyPrefix, a);
        Assert.Equal(47, a.Length); // hub_ + 43 base64url characters of 32 random bytes
        Assert.Null(ApiKeySecret.Problem(a));
        Assert.DoesNotContain('+', a);
        Assert.DoesNotContain('/', a);
    }

    [Fact]
    public void HashIsSha256OfTheKeyAndDiffersPerKey()
    {
        var key = ApiKeySecret.Generate();
        Assert.Equal(32, ApiKeySecret.Hash(key).Length);
        Assert.Equal(ApiKeySecret.Hash(key), ApiKeySecret.Hash(key));
        Assert.NotEqual(ApiKeySecret.Hash(key), ApiKeySecret.Hash(key + "x"));
    }

    [Fact]
    public void VisiblePrefixShowsOnlyTheStartOfTheKey()
    {
        var key = ApiKeySecret.Generate();
        var prefix = ApiKeySecret.VisiblePrefix(key);
        Assert.Equal(12, prefix.Length);
        Assert.StartsWith(prefix, key);
    }

    [Theory]
    [InlineData("short", "at least 32")]
    [InlineData("0123456789012345678901234567890 with spaces", "whitespace")]
    public void OperatorKeysMustBeLongAndPlain(string key, string expected) =>
        Assert.Contains(expected, ApiKeySecret.Problem(key));
}
