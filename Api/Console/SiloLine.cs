using System.Globalization;

namespace CatalogHub.Api.Console;

/// <summary>A silo of the cluster with its load, read as <c>GET /api/cluster</c> reads it (the management grain).</summary>
public sealed record SiloLine(string Address, string Status, DateTimeOffset StartedAt, int Activations, string Cpu, string Memory, bool Overloaded)
{
    public static async Task<IReadOnlyList<SiloLine>> ReadAsync(IGrainFactory grains)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: true);
        var stats = await management.GetRuntimeStatistics([.. hosts.Select(h => h.SiloAddress)]);
        return [.. hosts.Zip(stats, (h, s) => new SiloLine(
                h.SiloAddress.ToParsableString(), h.Status.ToString(), new DateTimeOffset(h.StartTime, TimeSpan.Zero), s.ActivationCount,
                s.EnvironmentStatistics.FilteredCpuUsagePercentage.ToString("0", CultureInfo.InvariantCulture) + " %",
                (s.EnvironmentStatistics.FilteredMemoryUsageBytes / 1024 / 1024).ToString(CultureInfo.InvariantCulture) + " MiB",
                s.IsOverloaded))
            .OrderBy(s => s.Address, StringComparer.Ordinal)];
    }
}
