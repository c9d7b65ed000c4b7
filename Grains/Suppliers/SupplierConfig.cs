namespace CatalogHub.Grains.Suppliers;

/// <summary>One <c>suppliers</c> row as the grains use it; <see cref="ProtectedCredentials"/> stays encrypted.</summary>
public sealed record SupplierConfig(
    Guid Id,
    string Name,
    string? Adapter,
    string SettingsJson,
    string? ProtectedCredentials,
    bool Active,
    int HydrateConcurrency,
    decimal? MaxRequestsPerSecond,
    string? DeltaSchedule,
    string? FullSellableSchedule,
    DateTimeOffset? LastFullSync = null,
    DateTimeOffset? LastDeltaSync = null)
{
    public const int DefaultHydrateConcurrency = 8;

    /// <summary>The schedule (ISO 8601 duration) of <paramref name="mode"/>; only delta and full_sellable have one.</summary>
    public string? Schedule(DiscoveryMode mode) => mode switch
    {
        DiscoveryMode.Delta => DeltaSchedule,
        DiscoveryMode.FullSellable => FullSellableSchedule,
        _ => null,
    };

    /// <summary>
    /// What a delta asks changes since: the start of the latest successful or partial delta or full sync
    /// (a full sync covers everything up to its start too), or null when there was none.
    /// </summary>
    public DateTimeOffset? DeltaSince() => (LastDeltaSync, LastFullSync) switch
    {
        ({ } d, { } f) => d > f ? d : f,
        ({ } d, null) => d,
        (null, var f) => f,
    };

    /// <summary>Redacts the credentials.</summary>
    public override string ToString() => $"SupplierConfig {{ Id = {Id}, Name = {Name}, Adapter = {Adapter}, Active = {Active} }}";
}
