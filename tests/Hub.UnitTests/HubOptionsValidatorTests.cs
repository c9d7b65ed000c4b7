using CatalogHub.Silo.Hosting;

namespace CatalogHub.UnitTests;

public class HubOptionsValidatorTests
{
    private const string GoodConnection = "Host=localhost;Port=5432;Database=hub;Username=hub;Password=x";

    [Fact]
    public void DefaultsAreValidWithOrWithoutAConnectionString()
    {
        Assert.Empty(HubOptionsValidator.Validate(new HubOptions(), null));
        Assert.Empty(HubOptionsValidator.Validate(new HubOptions(), GoodConnection));
    }

    [Theory]
    [InlineData(0, 30000, "Hub:SiloPort must be a TCP port between 1 and 65535 (got 0).")]
    [InlineData(11111, 70000, "Hub:GatewayPort must be a TCP port between 1 and 65535 (got 70000).")]
    [InlineData(11111, 11111, "Hub:SiloPort and Hub:GatewayPort must differ (both are 11111).")]
    public void PortMistakesAreExplained(int silo, int gateway, string expected) =>
        Assert.Contains(expected, HubOptionsValidator.Validate(new HubOptions { SiloPort = silo, GatewayPort = gateway }, null));

    [Fact]
    public void ClusterIdMustBeASimpleName() =>
        Assert.Contains(
            "Hub:ClusterId must be 1 to 100 letters, digits, '.', '_' or '-' (got 'my cluster').",
            HubOptionsValidator.Validate(new HubOptions { ClusterId = "my cluster" }, null));

    [Fact]
    public void ABootstrapKeyMustBeLongEnough()
    {
        var error = Assert.Single(HubOptionsValidator.Validate(new HubOptions { BootstrapAdminKey = "secret" }, null));
        Assert.StartsWith("Hub:BootstrapAdminKey is not usable: an API key must be at least 32 characters", error);
        Assert.DoesNotContain("secret", error.Replace("BootstrapAdminKey", "", StringComparison.Ordinal)); // the value itself is not echoed
    }

    [Theory]
    [InlineData("Host=localhost;Bogus=1", "ConnectionStrings:Hub is not a valid PostgreSQL connection string")]
    [InlineData("Host=localhost;Username=hub", "ConnectionStrings:Hub has no Database.")]
    [InlineData("Database=hub", "ConnectionStrings:Hub has no Host.")]
    public void ConnectionStringMistakesAreExplained(string connectionString, string expected) =>
        Assert.Contains(HubOptionsValidator.Validate(new HubOptions(), connectionString), e => e.StartsWith(expected, StringComparison.Ordinal));

    [Fact]
    public void EveryProblemIsReportedAtOnce()
    {
        var errors = HubOptionsValidator.Validate(new HubOptions { SiloPort = -1, GatewayPort = 0, ServiceId = "" }, "Database=hub");
        Assert.Equal(4, errors.Count);
        var message = new HubConfigurationException(errors).Message;
        Assert.All(errors, e => Assert.Contains(e, message));
    }
}
