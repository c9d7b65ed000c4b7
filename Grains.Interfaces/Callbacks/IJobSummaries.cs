using System.Data.Common;

namespace CatalogHub.Grains.Callbacks;

/// <summary>
/// A job's summary exactly as its GET endpoint answers it (JSON), read inside the caller's transaction so it shows the
/// terminal status that transaction just wrote. The API implements it with the same readers and JSON settings as
/// its endpoints, so a callback's <c>job</c> and the GET body cannot drift apart.
/// </summary>
public interface IJobSummaries
{
    /// <summary>The job's JSON, or null when there is no such job (visible to <paramref name="transaction"/>).</summary>
    Task<string?> ReadAsync(CallbackJobKind kind, string jobId, DbTransaction transaction, CancellationToken ct);
}
