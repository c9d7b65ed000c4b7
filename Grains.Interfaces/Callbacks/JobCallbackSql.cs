using CatalogHub.Grains.Catalog;

namespace CatalogHub.Grains.Callbacks;

/// <summary>
/// The statements of job completion callbacks, shared by the grains and the API (which ends aborted feed imports). A
/// callback is an outbox event with <c>callback_key</c> (the API key whose secret signs it) and <c>callback_url</c>:
/// its target is <c>callback:{key}</c>, it is delivered on its own with its payload as the webhook body's <c>job</c>.
/// </summary>
public static class JobCallbackSql
{
    /// <summary>The <c>source_kind</c> of callback events (never <c>ingest</c>, whose events list under their job).</summary>
    public const string SourceKind = "callback";

    /// <summary>The job's callback (url, key) and catalog, by id ($1 as text); no row when the job has no callback.</summary>
    public static string Target(CallbackJobKind kind) => kind switch
    {
        CallbackJobKind.SyncJob =>
            "SELECT callback_url, api_key_id, 'supplier:' || supplier_id::text FROM sync_jobs WHERE id = $1::uuid AND callback_url IS NOT NULL AND api_key_id IS NOT NULL",
        CallbackJobKind.IngestJob =>
            "SELECT callback_url, api_key_id, coalesce('store:' || store_number, '') FROM ingest_jobs WHERE id = $1::bigint AND callback_url IS NOT NULL AND api_key_id IS NOT NULL",
        _ =>
            "SELECT callback_url, api_key_id, catalog FROM feed_imports WHERE id = $1::bigint AND callback_url IS NOT NULL AND api_key_id IS NOT NULL",
    };

    /// <summary>
    /// The callback event: $1 id, $2 catalog, $3 aggregate type, $4 aggregate id, $5 event type, $6 job id, $7 payload
    /// (JSON text), $8 api key id, $9 url. Its id is name-based on the job, so writing the end again adds nothing.
    /// </summary>
    public const string Insert = """
        INSERT INTO outbox_events (id, catalog, aggregate_type, aggregate_id, aggregate_version, event_type, source_kind, source_ref,
                                   payload, callback_key, callback_url)
        VALUES ($1, $2, $3, $4, 1, $5, 'callback', $6, $7::jsonb, $8, $9)
        ON CONFLICT (id) DO NOTHING
        """;

    /// <summary><c>sync_job</c>, <c>ingest_job</c>, <c>feed_import</c>: the aggregate type; the event type adds <c>.completed</c>.</summary>
    public static string AggregateType(CallbackJobKind kind) => kind switch
    {
        CallbackJobKind.SyncJob => "sync_job",
        CallbackJobKind.IngestJob => "ingest_job",
        _ => "feed_import",
    };

    public static string EventType(CallbackJobKind kind) => AggregateType(kind) + ".completed";

    /// <summary>The job as an aggregate id: a sync job's own id, a name-based UUID of the others' integer ids.</summary>
    public static Guid AggregateId(CallbackJobKind kind, string jobId) =>
        kind == CallbackJobKind.SyncJob && Guid.TryParse(jobId, out var id) ? id : NameBasedGuid.Create(NameBasedGuid.HubNamespace, $"job\n{AggregateType(kind)}\n{jobId}");

    /// <summary>The callback's event id: stable per job, so a repeated terminal write cannot duplicate it.</summary>
    public static Guid EventId(CallbackJobKind kind, string jobId) =>
        NameBasedGuid.Create(NameBasedGuid.HubNamespace, $"callback\n{AggregateType(kind)}\n{jobId}");
}
