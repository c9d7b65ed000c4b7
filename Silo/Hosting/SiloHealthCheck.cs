using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CatalogHub.Silo.Hosting;

/// <summary>Healthy when this process's silo has joined the cluster and is active.</summary>
public sealed class SiloHealthCheck(ISiloStatusOracle oracle) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(oracle.CurrentStatus == SiloStatus.Active
            ? HealthCheckResult.Healthy("The silo is active.")
            : HealthCheckResult.Unhealthy($"The silo is {oracle.CurrentStatus}."));
}
