using Microsoft.Extensions.Logging;

namespace CatalogHub.Grains.Adapters.PromoStandards;

/// <summary>The adapter's log lines: operations, outcomes and codes only — never request bodies or credentials.</summary>
internal static partial class PsLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug, Message = "PromoStandards {Operation}: {Outcome} in {ElapsedMs:0} ms")]
    public static partial void Call(ILogger logger, string operation, string outcome, double elapsedMs);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Debug, Message = "PromoStandards {Operation} failed: {Kind} {Code} after {ElapsedMs:0} ms")]
    public static partial void CallFailed(ILogger logger, string operation, string kind, string? code, double elapsedMs);
}
