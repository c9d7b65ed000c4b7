using CatalogHub.SupplierSimulator;
using CatalogHub.SupplierSimulator.Knobs;

namespace CatalogHub.UnitTests.PromoStandards;

public class SimulatorOptionsTests
{
    [Fact]
    public void TheSimulatorsOwnArgumentsAreReadAndTheRestPassedToTheHost()
    {
        var options = SimulatorOptions.Parse(
            ["--products", "42", "--seed", "7", "--urls", "http://127.0.0.1:5099", "--latency-ms", "10-50", "--fault-rate", "0.05",
             "--fault-kind", "hang", "--auth-failure", "--rate-limit", "20", "--rate-limit-status", "500"], out var rest);
        Assert.Equal((42, 7), (options.Products, options.Seed));
        Assert.Equal(new SimulatorKnobs
        {
            LatencyMinMs = 10, LatencyMaxMs = 50, FaultRate = 0.05, FaultKind = FaultKind.Hang, AuthFailure = true,
            RateLimitPerSecond = 20, RateLimitStatus = 500,
        }, options.Knobs);
        Assert.Equal(["--urls", "http://127.0.0.1:5099"], rest);
        Assert.Equal((20, 20), SimulatorOptions.Parse(["--latency-ms", "20"], out _).Knobs is var k ? (k.LatencyMinMs, k.LatencyMaxMs) : default);
    }

    [Theory]
    [InlineData("--products", "x", "--products needs a non-negative integer")]
    [InlineData("--latency-ms", "50-10", "latency must satisfy")]
    [InlineData("--fault-rate", "2", "fault_rate must be between 0 and 1")]
    [InlineData("--fault-kind", "crash", "--fault-kind is http500 or hang")]
    [InlineData("--rate-limit-status", "503", "rate_limit_status must be 429 or 500")]
    public void MistakesAreNamed(string flag, string value, string message) =>
        Assert.Contains(message, Assert.Throws<FormatException>(() => SimulatorOptions.Parse([flag, value], out _)).Message);
}
