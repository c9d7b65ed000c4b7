using CatalogHub.Grains.Imports;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CatalogHub.IntegrationTests.Imports;

/// <summary>A hub whose imports run in small chunks, with a scriptable fault hook and a clock that tests move by days.</summary>
public sealed class ImportHub : TestHub
{
    public ScriptedFaults Faults { get; } = new();

    public ShiftedClock Clock { get; } = new();

    protected override IEnumerable<string> Arguments =>
    [
        "--Hub:Imports:ChunkSize=3",
        "--Hub:Imports:KeepAlivePeriod=00:00:02",
        "--Hub:Reminders:MinimumPeriod=00:00:01",
    ];

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IImportFaults>(Faults);
        builder.Services.AddKeyedSingleton<TimeProvider>(ImportOptions.ClockKey, Clock);
    }
}

/// <summary>The import fault hook of the tests: one action at a time, run at every point of every import.</summary>
public sealed class ScriptedFaults : IImportFaults
{
    private volatile Func<string, long, NpgsqlConnection, CancellationToken, ValueTask>? _action;

    public void Set(Func<string, long, NpgsqlConnection, CancellationToken, ValueTask>? action) => _action = action;

    public ValueTask AtAsync(string point, long importId, NpgsqlConnection connection, CancellationToken ct) =>
        _action?.Invoke(point, importId, connection, ct) ?? ValueTask.CompletedTask;

    /// <summary>Holds the next import to reach <paramref name="point"/> until the returned gate opens; Reached completes when it is held.</summary>
    public Gate Hold(string point)
    {
        var gate = new Gate();
        Set(async (p, id, _, ct) =>
        {
            if (p == point && gate.Take(id))
            {
                await gate.Open.Task.WaitAsync(ct);
            }
        });
        return gate;
    }

    public sealed class Gate
    {
        private long _held;

        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<long> Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Take(long id)
        {
            if (Interlocked.CompareExchange(ref _held, id, 0) != 0)
            {
                return false;
            }

            Reached.TrySetResult(id);
            return true;
        }
    }
}

/// <summary>The system clock plus an offset the test moves.</summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
}
