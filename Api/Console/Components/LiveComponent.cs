using Microsoft.AspNetCore.Components;

namespace CatalogHub.Api.Console.Components;

/// <summary>
/// A part of a page that re-reads its data on a timer once it runs interactively (about 1.5 s, so it is at most
/// 2 s behind); prerendered, it shows the first read at once. A failed read keeps the last data and says so.
/// </summary>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(1500);

    private readonly CancellationTokenSource _stop = new();

    /// <summary>Set when the last refresh failed; the data shown is then older than the interval.</summary>
    protected string? RefreshProblem { get; private set; }

    /// <summary>Reads the data the component shows.</summary>
    protected abstract Task LoadAsync(CancellationToken ct);

    /// <summary>False once nothing can change any more (a finished job): the timer stops.</summary>
    protected virtual bool KeepRefreshing => true;

    protected override Task OnParametersSetAsync() => LoadAsync(_stop.Token);

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            _ = RefreshAsync();
        }
    }

    private async Task RefreshAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (KeepRefreshing && await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    await LoadAsync(_stop.Token);
                    RefreshProblem = null;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    RefreshProblem = "Live update failed; retrying.";
                }

                await InvokeAsync(StateHasChanged);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // The page was left (the circuit disposed the component).
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stop.Cancel();
            _stop.Dispose();
        }
    }
}
