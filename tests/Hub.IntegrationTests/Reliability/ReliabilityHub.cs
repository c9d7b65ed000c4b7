using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace CatalogHub.IntegrationTests.Reliability;

/// <summary>
/// A hub for the reliability suite: logs at Information (so every request line and every warning is there to scan)
/// captured in memory. (Like every test hub, its failed-authentication limit is high: the auth matrix sends hundreds of
/// bad keys from one address on purpose.)
/// </summary>
public class ReliabilityHub : TestHub
{
    public CapturedLogs Logs { get; } = new();

    protected override IEnumerable<string> Arguments =>
    [
        "--Logging:LogLevel:Default=Information",
        // The console (the test run's output) stays at warnings; the capture sees everything from Information up.
        "--Logging:Console:LogLevel:Default=Warning",
    ];

    protected override void Configure(WebApplicationBuilder builder) => builder.Logging.AddProvider(Logs);
}

/// <summary>Every log line the hub writes (message and exception), kept in memory for scanning.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The structured values as well as the formatted message: a secret in a state property that the template
            // does not print would still reach a structured sink (OTLP).
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {values} {exception}");
        }
    }
}
