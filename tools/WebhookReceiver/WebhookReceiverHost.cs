using CatalogHub.WebhookReceiver.Knobs;
using CatalogHub.WebhookReceiver.Recording;
using CatalogHub.ToolHosting;

namespace CatalogHub.WebhookReceiver;

/// <summary>Runs the receiver inside the calling process (tests, demo) on a free loopback port.</summary>
public static class WebhookReceiverHost
{
    /// <summary>Starts a receiver; throws <see cref="ArgumentException"/> for invalid options.</summary>
    public static async Task<RunningWebhookReceiver> StartAsync(ReceiverOptions? options = null, CancellationToken ct = default)
    {
        options ??= new ReceiverOptions();
        ToolWebApp.ThrowIfInvalid(options.Problems(), nameof(options));

        var app = ReceiverApp.Build(options, ToolWebApp.InProcessArgs, inProcess: true);
        var baseUri = await ToolWebApp.StartInProcessAsync(app, ct);
        return new RunningWebhookReceiver(
            app, baseUri, app.Services.GetRequiredService<ReceiverControl>(), app.Services.GetRequiredService<DeliveryLog>());
    }
}

/// <summary>A started receiver: where it listens, how to steer it, what it got. Dispose to stop it.</summary>
public sealed class RunningWebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    internal RunningWebhookReceiver(WebApplication app, Uri baseUri, ReceiverControl control, DeliveryLog log)
    {
        _app = app;
        BaseUri = baseUri;
        Control = control;
        Log = log;
    }

    /// <summary>E.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Knobs, pending failures, secrets.</summary>
    public ReceiverControl Control { get; }

    /// <summary>The recorded deliveries and the signal to wait on.</summary>
    public DeliveryLog Log { get; }

    /// <summary>Every delivery so far, oldest first.</summary>
    public IReadOnlyList<ReceivedDelivery> Deliveries => Log.All();

    /// <summary>The distinct <c>X-Hub-Event-Id</c> values so far.</summary>
    public IReadOnlyList<string> DistinctEventIds => Log.DistinctEventIds();

    /// <summary>A URL on this receiver, e.g. <c>Url("hooks/store-9975")</c>.</summary>
    public Uri Url(string path = "webhook") => new(BaseUri, path.TrimStart('/'));

    /// <summary>Waits until the deliveries satisfy <paramref name="condition"/>; see <see cref="DeliveryLog.WaitForAsync"/>.</summary>
    public Task<IReadOnlyList<ReceivedDelivery>> WaitForAsync(
        Func<IReadOnlyList<ReceivedDelivery>, bool> condition, TimeSpan timeout, string? description = null, CancellationToken ct = default) =>
        Log.WaitForAsync(condition, timeout, description, ct);

    /// <summary>Waits until at least <paramref name="count"/> deliveries arrived.</summary>
    public Task<IReadOnlyList<ReceivedDelivery>> WaitForAsync(int count, TimeSpan timeout, CancellationToken ct = default) =>
        Log.WaitForAsync(d => d.Count >= count, timeout, $"{count} deliveries", ct);

    /// <summary>Waits until at least <paramref name="count"/> distinct event ids arrived.</summary>
    public Task<IReadOnlyList<ReceivedDelivery>> WaitForEventsAsync(int count, TimeSpan timeout, CancellationToken ct = default) =>
        Log.WaitForAsync(d => d.Select(x => x.EventId).OfType<string>().Distinct(StringComparer.Ordinal).Count() >= count, timeout, $"{count} distinct event ids", ct);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
