namespace CatalogHub.Grains.Cluster;

/// <inheritdoc cref="IClusterProbeGrain"/>
public sealed class ClusterProbeGrain(
    [PersistentState("probe", StorageNames.Hub)] IPersistentState<ClusterProbeState> state,
    ILocalSiloDetails silo) : Grain, IClusterProbeGrain
{
    private readonly string _activationId = Guid.NewGuid().ToString("N");
    private readonly DateTimeOffset _activatedAt = DateTimeOffset.UtcNow;

    public async Task<ProbeReport> TouchAsync()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return Report();
    }

    public Task<ProbeReport> ReadAsync() => Task.FromResult(Report());

    private ProbeReport Report() => new(
        this.GetPrimaryKeyString(),
        silo.SiloAddress.ToParsableString(),
        _activationId,
        state.State.Count,
        _activatedAt);
}
