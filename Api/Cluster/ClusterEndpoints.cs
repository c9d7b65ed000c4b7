using CatalogHub.Api.Auth;
using CatalogHub.Grains.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CatalogHub.Api.Cluster;

/// <summary><c>/api/cluster</c>: the silos of the cluster and a probe grain that proves they share activations.</summary>
public static class ClusterEndpoints
{
    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/cluster").WithTags("Cluster").RequireAuthorization(Scopes.Admin);
        group.MapGet("/", GetAsync).WithSummary("The active silos of the cluster and the silo that answered.");
        group.MapPost("/probes/{key}", TouchProbeAsync).WithSummary("Increment a probe grain's persisted counter and report where it runs.");
        group.MapGet("/probes/{key}", ReadProbeAsync).WithSummary("Report where a probe grain runs, without changing it.");
        return routes;
    }

    public static async Task<Ok<ClusterView>> GetAsync(IGrainFactory grains, ILocalSiloDetails local)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
        var silos = hosts
            .Select(h => new SiloView(h.SiloAddress.ToParsableString(), h.SiloName, h.HostName, h.Status.ToString(), new DateTimeOffset(h.StartTime, TimeSpan.Zero)))
            .OrderBy(s => s.Address, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(new ClusterView(local.SiloAddress.ToParsableString(), silos));
    }

    public static async Task<Ok<ProbeReport>> TouchProbeAsync(string key, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IClusterProbeGrain>(key).TouchAsync());

    public static async Task<Ok<ProbeReport>> ReadProbeAsync(string key, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IClusterProbeGrain>(key).ReadAsync());
}

/// <summary>The cluster as one silo sees it.</summary>
public sealed record ClusterView(string AnsweredBy, IReadOnlyList<SiloView> Silos);

/// <summary>One active silo.</summary>
public sealed record SiloView(string Address, string Name, string HostName, string Status, DateTimeOffset StartedAt);
