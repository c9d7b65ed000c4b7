using CatalogHub.Api.Auth;
using CatalogHub.Api.Callbacks;
using CatalogHub.Grains.Callbacks;

namespace CatalogHub.UnitTests.Callbacks;

public class CallbackRulesTests
{
    private const string Secret = "0123456789abcdef";
    private static readonly Guid Key = Guid.NewGuid();

    [Theory]
    [InlineData("https://example.com/hooks/jobs")]
    [InlineData("http://127.0.0.1:5097/callbacks/1?x=y")]
    public void AbsoluteHttpAndHttpsUrlsAreCallbackUrls(string url) => Assert.Null(CallbackRules.UrlProblem(url));

    [Theory]
    [InlineData("ftp://example.com/x")]
    [InlineData("relative/path")]
    [InlineData("/absolute/path")]
    [InlineData("mailto:ops@example.com")]
    [InlineData("")]
    public void OtherUrlsAreNot(string url) => Assert.NotNull(CallbackRules.UrlProblem(url));

    [Fact]
    public void UrlsLongerThan2048CharactersAreNot() =>
        Assert.NotNull(CallbackRules.UrlProblem("https://example.com/" + new string('a', 2048)));

    [Theory]
    [InlineData(15, false)]
    [InlineData(16, true)]
    [InlineData(1024, true)]
    [InlineData(1025, false)]
    public void SecretsAre16To1024Characters(int length, bool valid) =>
        Assert.Equal(valid, CallbackRules.SecretProblem(new string('s', length)) is null);

    [Fact]
    public void AUrlNeedsASecretUnlessTheKeyHasOne()
    {
        Assert.Equal(["callback_secret"], CallbackRules.Validate("https://example.com/x", null, hasSecret: false).Keys);
        Assert.Empty(CallbackRules.Validate("https://example.com/x", null, hasSecret: true));
        Assert.Empty(CallbackRules.Validate(null, Secret, hasSecret: false));
        Assert.Empty(CallbackRules.Validate("https://example.com/x", Secret, hasSecret: false));
    }

    [Fact]
    public void EveryWrongFieldIsNamed() =>
        Assert.Equal(["callback_secret", "callback_url"], CallbackRules.Validate("nope", "short", hasSecret: false).Keys.Order());

    [Fact]
    public void TheKeyRequestRulesCheckTheCallbackFieldsToo() =>
        Assert.Equal(["callback_secret", "callback_url"],
            ApiKeyRequestRules.Validate(new CreateApiKeyRequest("ops", ["admin"], null, null, "ftp://x", "short")).Keys.Order());

    [Fact]
    public void ARequestedUrlWinsOverTheKeysDefault() =>
        Assert.Equal(
            (new JobCallback("https://example.com/mine", Key), (string?)null),
            CallbackRules.Choose("https://example.com/mine", Key, new KeyCallback("https://example.com/default", true)));

    [Fact]
    public void WithoutARequestedUrlTheKeysDefaultApplies()
    {
        var key = new KeyCallback("https://example.com/default", true);
        Assert.Equal(new JobCallback("https://example.com/default", Key), CallbackRules.Choose(null, Key, key).Callback);
        Assert.Equal(new JobCallback("https://example.com/default", Key), CallbackRules.Choose("", Key, key).Callback);
        AssertNone(CallbackRules.Choose(null, Key, key, useDefault: false));
    }

    [Fact]
    public void NeitherARequestedUrlNorADefaultMeansNoCallback()
    {
        AssertNone(CallbackRules.Choose(null, Key, new KeyCallback(null, true)));
        AssertNone(CallbackRules.Choose(null, Key, new KeyCallback(null, false)));
        AssertNone(CallbackRules.Choose(null, Key, null));
    }

    [Fact]
    public void ARequestedUrlNeedsTheKeyToHaveASecret()
    {
        var (callback, error) = CallbackRules.Choose("https://example.com/mine", Key, new KeyCallback(null, false));
        Assert.Null(callback);
        Assert.Contains("callback secret", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInvalidRequestedUrlIsAnError() =>
        Assert.Contains("http or https", CallbackRules.Choose("ftp://example.com", Key, new KeyCallback(null, true)).Error, StringComparison.Ordinal);

    private static void AssertNone((JobCallback? Callback, string? Error) chosen)
    {
        Assert.Null(chosen.Callback);
        Assert.Null(chosen.Error);
    }
}
