using System.Text.Json;
using System.Text.Json.Serialization;

namespace CatalogHub.Api.Ingest;

// Seed 002's response bodies, field for field. Fields whose enum has no null (action, error) are left out
// rather than sent as null (spec README, decision 1).

public sealed record EntryErrorBody(string Type, string Message, string? Field);

public sealed record EntryResultBody(
    string EntryId,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Action,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? ProductId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<long>? VariantIds,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EntryErrorBody? Error);

public sealed record JobSummaryBody(int Total, int Processed, int Created, int Updated, int Errors);

public sealed record SyncIngestResponse(string JobId, string Status, JobSummaryBody Summary, IReadOnlyList<EntryResultBody> Results);

public sealed record JobLinks(string Status, string Results);

public sealed record AsyncIngestResponse(string JobId, string Status, string Message, JobLinks Links);

public sealed record BadRequestDetail(string EntryId, string Type, string Message, string? Field);

public sealed record BadRequestBody(string Error, string JobId, IReadOnlyList<BadRequestDetail> Details);

public sealed record JobStatusBody(
    string JobId,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    int ProgressPercent,
    JobSummaryBody Summary);

public sealed record PaginationBody(int Limit, int Offset, bool HasMore);

public sealed record JobResultsBody(string JobId, int TotalResults, IReadOnlyList<EntryResultBody> Results, PaginationBody Pagination);

public sealed record ErrorEntryBody(string EntryId, EntryErrorBody Error, JsonElement Data);

public sealed record JobErrorsBody(string JobId, int TotalErrors, IReadOnlyList<ErrorEntryBody> Errors);

public sealed record ImportJobBody(
    long Id,
    string? FileId,
    string? FilePath,
    string FileType,
    string Source,
    string Status,
    int TotalRows,
    int ProcessedRows,
    int ErrorRows,
    int SyncErrors,
    string? ErrorMessage,
    string? IdempotencyKey,
    long? StoreId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record ImportJobResponse(ImportJobBody ImportJob);

public sealed record ImportResultBody(
    long Id,
    long ImportJobId,
    int RowNumber,
    string? EntryId,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Action,
    long? ProductId,
    IReadOnlyList<long>? VariantIds,
    string? ErrorType,
    string? ErrorMessage,
    string? ErrorColumn,
    DateTimeOffset CreatedAt);

public sealed record TotalPagination(int Limit, int Offset, int Total);

public sealed record ImportJobResultsBody(IReadOnlyList<ImportResultBody> Results, TotalPagination Pagination);

public sealed record ImportJobErrorsBody(IReadOnlyList<ImportResultBody> Errors, int Total);

public sealed record OutboxEventBody(
    long Id,
    long AggregateId,
    string AggregateType,
    string EventType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StoreNumber,
    string? SyncOperation,
    string Status,
    int Attempts,
    int MaxAttempts,
    string? ErrorMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ProcessedAt);

public sealed record ImportJobOutboxBody(IReadOnlyList<OutboxEventBody> OutboxEvents, TotalPagination Pagination);
