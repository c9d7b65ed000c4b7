namespace CatalogHub.Grains.SyncJobs;

/// <summary>Seed 000's job statuses: pending → running → success / partial_success / failed.</summary>
public static class SyncJobStatuses
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Success = "success";
    public const string PartialSuccess = "partial_success";
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Pending, Running, Success, PartialSuccess, Failed];

    public static bool IsTerminal(string status) => status is Success or PartialSuccess or Failed;

    public static bool IsActive(string status) => status is Pending or Running;
}
