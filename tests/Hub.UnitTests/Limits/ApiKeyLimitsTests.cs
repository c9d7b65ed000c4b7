using System.Security.Claims;
using CatalogHub.Api.Auth;

namespace CatalogHub.UnitTests.Limits;

public class ApiKeyLimitsTests
{
    [Fact]
    public void LimitsRideOnThePrincipalAsClaims()
    {
        var limits = new ApiKeyLimits(3, null, 20L * 1024 * 1024 * 1024, 50);
        var user = new ClaimsPrincipal(new ClaimsIdentity(limits.ToClaims(), "test"));
        Assert.Equal(limits, ApiKeyLimits.FromClaims(user));
        Assert.Equal(ApiKeyLimits.None, ApiKeyLimits.FromClaims(new ClaimsPrincipal(new ClaimsIdentity())));
    }

    [Fact]
    public void EveryLimitGivenMustBePositive()
    {
        Assert.Empty(ApiKeyRequestRules.ValidateLimits(null));
        Assert.Empty(ApiKeyRequestRules.ValidateLimits(new ApiKeyLimits(1, null, 1, null)));
        var errors = ApiKeyRequestRules.ValidateLimits(new ApiKeyLimits(0, -5, 0, 0));
        Assert.Equal(["limits.requests_per_minute", "limits.entries_per_minute", "limits.max_payload_bytes", "limits.max_entries_per_request"], errors.Keys);

        var request = new CreateApiKeyRequest("k", ["ingest"], null, new ApiKeyLimits(null, 0, null, null));
        Assert.Equal(["limits.entries_per_minute"], ApiKeyRequestRules.Validate(request).Keys);
    }
}
