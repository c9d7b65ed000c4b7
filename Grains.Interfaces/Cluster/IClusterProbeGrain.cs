using Orleans.Concurrency;

namespace CatalogHub.Grains.Cluster;

/// <summary>
/// A diagnostic grain that proves the cluster end to end: it runs on some silo, keeps a persisted counter in
/// PostgreSQL grain storage, and reports where it is running. Operators use it to check that every silo
/// reaches the same activation.
/// </summary>
[Alias("CatalogHub.Grains.Cluster.IClusterProbeGrain")]
public interface IClusterProbeGrain : IGrainWithStringKey
{
    /// <summary>Increments the persisted counter and reports the activation that served the call.</summary>
    [Alias("Touch")]
    Task<ProbeReport> TouchAsync();

    /// <summary>Reports the activation and the persisted counter without changing it.</summary>
    [Alias("Read"), ReadOnly]
    Task<ProbeReport> ReadAsync();
}
