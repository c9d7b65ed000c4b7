using CatalogHub.Grains.Outbox;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CatalogHub.Silo.Outbox;

/// <summary>
/// Relays the commits that wrote outbox events to their targets' dispatchers: LISTENs on the <c>outbox_events</c>
/// channel (the payload is the target; a trigger notifies at commit) and wakes each target's dispatcher grain, a burst
/// of notices folded into one wake-up per target. On every (re)connection and every
/// <see cref="OutboxOptions.SweepInterval"/> it also wakes the configured targets that have due events, so a notice
/// lost while no silo listened (or while PostgreSQL restarted) delays delivery by one sweep at most.
/// </summary>
public sealed partial class OutboxListener(
    NpgsqlDataSource dataSource,
    OutboxStore outbox,
    IGrainFactory grains,
    IOptions<OutboxOptions> options,
    ILogger<OutboxListener> logger) : BackgroundService
{
    public const string Channel = "outbox_events";
    private static readonly TimeSpan ReconnectPause = TimeSpan.FromSeconds(2);

    private readonly HashSet<string> _woken = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogListenFailed(logger, e.Message);
                if (Api.Problems.DatabaseUnavailable.Matches(e))
                {
                    // The server dropped this connection, so it dropped the pooled ones too (a restart, a failover):
                    // this listener is the first to know, before any request draws one of them.
                    Api.Problems.DatabaseUnavailable.ClearPools(dataSource);
                }

                await Task.Delay(ReconnectPause, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        conn.Notification += (_, e) =>
        {
            lock (_woken)
            {
                _woken.Add(e.Payload);
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", conn))
        {
            await listen.ExecuteNonQueryAsync(ct);
        }

        await SweepAsync(ct);
        var nextSweep = DateTime.UtcNow + options.Value.SweepInterval;
        while (!ct.IsCancellationRequested)
        {
            var wait = nextSweep - DateTime.UtcNow;
            if (wait <= TimeSpan.Zero || !await conn.WaitAsync(wait, ct))
            {
                await SweepAsync(ct);
                nextSweep = DateTime.UtcNow + options.Value.SweepInterval;
            }

            string[] targets;
            lock (_woken)
            {
                targets = [.. _woken];
                _woken.Clear();
            }

            foreach (var target in targets)
            {
                await WakeAsync(target);
            }
        }
    }

    private async Task SweepAsync(CancellationToken ct)
    {
        foreach (var target in await outbox.DueTargetsAsync(ct))
        {
            await WakeAsync(target);
        }
    }

    private async Task WakeAsync(string target)
    {
        try
        {
            await grains.GetGrain<IOutboxDispatcherGrain>(target).WakeAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The silo may be starting or stopping; the sweep or the target's reminder wakes it later.
            LogWakeFailed(logger, target, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox listener: the connection failed and is opened again: {Error}")]
    private static partial void LogListenFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox listener: could not wake {Target}: {Error}")]
    private static partial void LogWakeFailed(ILogger logger, string target, string error);
}
