using System.Globalization;

namespace CatalogHub.Bench.Driver;

/// <summary>
/// Samples the resident memory and CPU time of some processes once a second (from <c>/proc</c>) while a case
/// runs: the peak RSS, the CPU seconds spent, and the RSS series (the memory scenario's curve).
/// </summary>
public sealed class ProcessSampler : IAsyncDisposable
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux
    private readonly int[] _pids;
    private readonly double _cpuAtStart;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<(double Seconds, double RssMb)> _series = [];
    private readonly DateTime _started = DateTime.UtcNow;

    public ProcessSampler(IEnumerable<int> pids, TimeSpan? interval = null)
    {
        _pids = [.. pids];
        _cpuAtStart = CpuSeconds();
        _loop = LoopAsync(interval ?? TimeSpan.FromSeconds(1));
    }

    public double PeakRssMb { get; private set; }

    /// <summary>(seconds since start, RSS MB) per sample, summed over the processes.</summary>
    public IReadOnlyList<(double Seconds, double RssMb)> Series
    {
        get
        {
            lock (_series)
            {
                return [.. _series];
            }
        }
    }

    /// <summary>Stops sampling; returns (peak RSS MB, CPU seconds since start).</summary>
    public async Task<(double PeakRssMb, double CpuSeconds)> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        Sample();
        return (PeakRssMb, CpuSeconds() - _cpuAtStart);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }

    /// <summary>Resident memory of one process in MB (VmRSS), 0 when it is gone.</summary>
    public static double RssMb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                    return kb / 1024.0;
                }
            }
        }
        catch (IOException)
        {
            // The process is gone.
        }

        return 0;
    }

    private async Task LoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                Sample();
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void Sample()
    {
        var rss = _pids.Sum(RssMb);
        PeakRssMb = Math.Max(PeakRssMb, rss);
        lock (_series)
        {
            _series.Add(((DateTime.UtcNow - _started).TotalSeconds, rss));
        }
    }

    private double CpuSeconds()
    {
        double total = 0;
        foreach (var pid in _pids)
        {
            try
            {
                // Fields after the command name (which may hold spaces): utime is the 14th field, stime the 15th.
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                total += (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
            }
            catch (IOException)
            {
                // The process is gone.
            }
        }

        return total;
    }
}
