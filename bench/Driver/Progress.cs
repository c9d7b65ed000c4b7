using System.Diagnostics;

namespace CatalogHub.Bench.Driver;

/// <summary>Prints how far a case has come every two seconds (done / total, rate, ETA) while it runs.</summary>
public sealed class Progress : IAsyncDisposable
{
    private readonly string _name;
    private readonly long _total;
    private readonly TextWriter _output;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _done;

    public Progress(string name, long total, TextWriter output)
    {
        _name = name;
        _total = total;
        _output = output;
        _loop = LoopAsync();
    }

    public long Done => Interlocked.Read(ref _done);

    public void Add(long n = 1) => Interlocked.Add(ref _done, n);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var done = Done;
                var rate = done / _clock.Elapsed.TotalSeconds;
                var eta = rate > 0 && _total > 0 ? $", ETA {(_total - done) / rate:F0} s" : "";
                var of = _total > 0 ? $"/{_total:N0} ({100.0 * done / _total:F0} %)" : "";
                _output.WriteLine($"  … {_name}: {done:N0}{of}, {rate:N0}/s{eta}");
            }
        }
        catch (OperationCanceledException)
        {
            // Finished.
        }
    }
}
