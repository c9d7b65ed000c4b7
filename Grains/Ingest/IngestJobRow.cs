namespace CatalogHub.Grains.Ingest;

/// <summary>An ingestion job as stored: what it applies, where it got to, and its status.</summary>
public sealed record IngestJobRow(long Id, IngestJobSpec Spec, string Status, int Checkpoint)
{
    public bool Finished => Status is IngestJobStatuses.Completed or IngestJobStatuses.CompletedWithErrors or IngestJobStatuses.Failed;
}

/// <summary>Seed 002's job statuses.</summary>
public static class IngestJobStatuses
{
    public const string Pending = "pending";
    public const string Processing = "processing";
    public const string Completed = "completed";
    public const string CompletedWithErrors = "completed_with_errors";
    public const string Failed = "failed";
}
