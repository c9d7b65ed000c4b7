using CatalogHub.Api.Auth;

namespace CatalogHub.UnitTests;

public class ApiKeyRequestRulesTests
{
    [Fact]
    public void AValidRequestHasNoErrors() =>
        Assert.Empty(ApiKeyRequestRules.Validate(new CreateApiKeyRequest("ops", ["admin", "read"], ["0001"])));

    [Fact]
    public void NameAndScopesAreRequired()
    {
        var errors = ApiKeyRequestRules.Validate(new CreateApiKeyRequest(" ", null, null));
        Assert.Equal(["name", "scopes"], errors.Keys.Order());
    }

    [Fact]
    public void UnknownScopesAreNamed()
    {
        var errors = ApiKeyRequestRules.Validate(new CreateApiKeyRequest("x", ["read", "root"], null));
        Assert.Contains("root", Assert.Single(errors["scopes"]));
    }

    [Fact]
    public void EmptyStoreNumbersAreRejected() =>
        Assert.Contains("store_numbers", ApiKeyRequestRules.Validate(new CreateApiKeyRequest("x", ["read"], [""])).Keys);

    [Fact]
    public void TooLongNamesAreRejected() =>
        Assert.Contains("name", ApiKeyRequestRules.Validate(new CreateApiKeyRequest(new string('n', 201), ["read"], null)).Keys);
}
