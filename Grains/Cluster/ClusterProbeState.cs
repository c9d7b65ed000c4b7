namespace CatalogHub.Grains.Cluster;

/// <summary>The persisted part of a probe grain.</summary>
[GenerateSerializer, Alias("CatalogHub.Grains.Cluster.ClusterProbeState")]
public sealed class ClusterProbeState
{
    [Id(0)] public long Count { get; set; }
}
