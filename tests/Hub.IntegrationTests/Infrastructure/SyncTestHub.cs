using CatalogHub.Grains.Adapters;
using CatalogHub.TestAdapter;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CatalogHub.IntegrationTests.Infrastructure;

/// <summary>
/// A hub with the scripted adapter registered through DI and sync timings shrunk for tests: retry back-off
/// 50 ms then 100 ms, checkpoints every 100 ms, reminders down to 1 s.
/// </summary>
public class SyncTestHub : TestHub
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(50);
    public static readonly TimeSpan SecondRetry = TimeSpan.FromMilliseconds(100);

    protected override IEnumerable<string> Arguments =>
    [
        $"--Hub:SyncJobs:RetryDelays:0={FirstRetry}",
        $"--Hub:SyncJobs:RetryDelays:1={SecondRetry}",
        "--Hub:SyncJobs:CheckpointInterval=00:00:00.100",
        "--Hub:SyncJobs:KeepAlivePeriod=00:00:05",
        "--Hub:Reminders:MinimumPeriod=00:00:01",
    ];

    protected override void Configure(WebApplicationBuilder builder) =>
        builder.Services.AddSingleton<ISupplierAdapterFactory, ScriptedAdapterFactory>();
}

/// <summary>The same hub with <c>Hub:Scheduler:Enabled=false</c>.</summary>
public sealed class SchedulerOffTestHub : SyncTestHub
{
    protected override IEnumerable<string> Arguments => [.. base.Arguments, "--Hub:Scheduler:Enabled=false"];
}
