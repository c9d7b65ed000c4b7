using System.Net;
using CatalogHub.Grains;
using Orleans.Configuration;

namespace CatalogHub.Silo.Hosting;

/// <summary>The Orleans silo of this process: clustering, reminders and grain storage on PostgreSQL.</summary>
public static class OrleansHosting
{
    /// <summary>The ADO.NET invariant the providers use to load Npgsql.</summary>
    public const string Invariant = "Npgsql";

    public static WebApplicationBuilder UseHubOrleans(this WebApplicationBuilder builder, HubOptions options)
    {
        var connectionString = builder.Configuration.GetConnectionString("Hub")!;
        var advertised = ResolveAdvertisedAddress(options.AdvertisedHost);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            silo.ConfigureEndpoints(advertised, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            });
            silo.AddAdoNetGrainStorage(StorageNames.Hub, o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            });
            // Product grains hold only a stamp and reload it in a group read, so they are collected after a
            // short idle time; scanning every 15 s keeps a long sync's activations bounded (docs/performance.md).
            silo.Configure<GrainCollectionOptions>(o => o.CollectionQuantum = TimeSpan.FromSeconds(15));
            // The directory cache remembers where grains lived, one entry per grain ever called (default 1M):
            // during a sync of distinct products that is the silo's memory growing without an end.
            silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = 100_000);
            silo.AddActivityPropagation();
            silo.AddHubDashboard();
        });
        builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("silo", tags: [Api.Health.HealthEndpoints.ReadyTag]);
        return builder;
    }

    private static IPAddress ResolveAdvertisedAddress(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return IPAddress.Loopback;
        }

        if (IPAddress.TryParse(host, out var ip))
        {
            return ip;
        }

        var addresses = Dns.GetHostAddresses(host);
        return addresses.FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            ?? addresses.FirstOrDefault()
            ?? throw new HubConfigurationException([$"Hub:AdvertisedHost '{host}' does not resolve to an address."]);
    }
}
