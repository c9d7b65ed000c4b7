namespace CatalogHub.Silo.Hosting;

/// <summary>The <c>Hub</c> configuration section (environment: <c>Hub__SiloPort</c> and so on).</summary>
public sealed class HubOptions
{
    public const string Section = "Hub";

    /// <summary>Silos with the same cluster id and database form one cluster.</summary>
    public string ClusterId { get; set; } = "catalog-hub";

    /// <summary>Stable across deployments: grain state and reminders are keyed by it.</summary>
    public string ServiceId { get; set; } = "catalog-hub";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for external Orleans clients.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Host name or IP other silos reach this one at; loopback when unset (one machine).</summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>An admin API key to create on start if absent (operators choose it; at least 32 characters).</summary>
    public string? BootstrapAdminKey { get; set; }

    /// <summary>Where the no-setup local PostgreSQL lives when no connection string is configured.</summary>
    public string LocalDataDirectory { get; set; } = ".hub/pgdata";
}
