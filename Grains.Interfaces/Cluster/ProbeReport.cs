namespace CatalogHub.Grains.Cluster;

/// <summary>What a probe grain says about itself.</summary>
/// <param name="Key">The grain's key.</param>
/// <param name="Silo">The address of the silo hosting the activation.</param>
/// <param name="ActivationId">Unique per activation: equal across two calls means the same activation.</param>
/// <param name="Count">The persisted counter.</param>
/// <param name="ActivatedAt">When this activation started (UTC).</param>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Cluster.ProbeReport")]
public sealed record ProbeReport(
    [property: Id(0)] string Key,
    [property: Id(1)] string Silo,
    [property: Id(2)] string ActivationId,
    [property: Id(3)] long Count,
    [property: Id(4)] DateTimeOffset ActivatedAt);
