using CatalogHub.Grains.Ingest;
using Npgsql;

namespace CatalogHub.Api.Ingest;

/// <summary>
/// A batch to accept: its spec, who sent it, its idempotency key and request hash, its body when it runs in the
/// background, and where it reports its end (signed with the sender's callback secret).
/// </summary>
public sealed record NewIngestJob(IngestJobSpec Spec, Guid ApiKeyId, string? IdempotencyKey, byte[] RequestHash, byte[]? Payload, string? CallbackUrl = null);

/// <summary>What accepting a batch came to.</summary>
public enum AcceptanceKind
{
    /// <summary>A new job: run it.</summary>
    Created,

    /// <summary>The idempotency key already names a job for the same request: answer with that job.</summary>
    Replayed,

    /// <summary>The first request with this key is still being answered (409).</summary>
    InProgress,

    /// <summary>The key was used for a different request within its window (422).</summary>
    Mismatch,
}

public sealed record Acceptance(AcceptanceKind Kind, long JobId);

/// <summary>
/// Creates the <c>ingest_jobs</c> row (with the body of an async job, so it survives a crash) and claims the
/// idempotency key, in one transaction. The key's primary key decides races, on one silo or two: the second
/// insert waits for the first transaction and then finds its row — its job, or 'accepting' while a synchronous
/// batch is still running.
/// </summary>
public sealed class IngestJobCreator(NpgsqlDataSource dataSource)
{
    private const string ClaimKey = """
        INSERT INTO idempotency_keys (api_key_id, key, request_hash, expires_at)
        VALUES ($1, $2, $3, now() + $4)
        ON CONFLICT (api_key_id, key) DO UPDATE SET request_hash = excluded.request_hash, job_id = NULL,
            state = 'accepting', created_at = now(), expires_at = excluded.expires_at
            WHERE idempotency_keys.expires_at < now()
        RETURNING true
        """;

    private const string StorePayload = "INSERT INTO ingest_payloads (job_id, body) VALUES ($1, $2)";

    private const string ExistingKey = "SELECT request_hash, job_id, state FROM idempotency_keys WHERE api_key_id = $1 AND key = $2";

    private const string InsertJob = """
        INSERT INTO ingest_jobs (kind, store_number, store_id, api_key_id, idempotency_key, options, is_async, total, expires_at, callback_url)
        VALUES ($1, $2, (SELECT id FROM stores WHERE store_number = $2), $3, $4, $5::jsonb, $6, $7, now() + $8, $9)
        RETURNING id
        """;

    public async Task<Acceptance> AcceptAsync(NewIngestJob job, TimeSpan retention, TimeSpan idempotencyWindow, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (job.IdempotencyKey is { } key && !await ClaimAsync(conn, job, key, idempotencyWindow, ct))
        {
            await using var existing = new NpgsqlCommand(ExistingKey, conn);
            existing.Parameters.AddWithValue(job.ApiKeyId);
            existing.Parameters.AddWithValue(key);
            await using var reader = await existing.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var sameRequest = reader.GetFieldValue<byte[]>(0).AsSpan().SequenceEqual(job.RequestHash);
            var jobId = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
            return !sameRequest ? new Acceptance(AcceptanceKind.Mismatch, jobId)
                : reader.GetString(2) == "accepted" ? new Acceptance(AcceptanceKind.Replayed, jobId)
                : new Acceptance(AcceptanceKind.InProgress, jobId);
        }

        long id;
        await using (var insert = new NpgsqlCommand(InsertJob, conn))
        {
            insert.Parameters.AddWithValue(IngestJobSpecJson.KindName(job.Spec.Kind));
            insert.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = job.Spec.StoreNumber, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            insert.Parameters.AddWithValue(job.ApiKeyId);
            insert.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = job.IdempotencyKey, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            insert.Parameters.AddWithValue(IngestJobSpecJson.OptionsJson(job.Spec));
            insert.Parameters.AddWithValue(job.Payload is not null);
            insert.Parameters.AddWithValue(job.Spec.Total);
            insert.Parameters.AddWithValue(retention);
            insert.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = job.CallbackUrl, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            id = (long)(await insert.ExecuteScalarAsync(ct))!;
        }

        if (job.Payload is { } payload)
        {
            await StorePayloadAsync(conn, id, payload, ct);
        }

        if (job.IdempotencyKey is { } claimed)
        {
            // An async job is answered once it is stored; a sync one stays 'accepting' until it has its results.
            await using var link = new NpgsqlCommand(
                "UPDATE idempotency_keys SET job_id = $3, state = CASE WHEN $4 THEN 'accepted' ELSE 'accepting' END WHERE api_key_id = $1 AND key = $2", conn);
            link.Parameters.AddWithValue(job.ApiKeyId);
            link.Parameters.AddWithValue(claimed);
            link.Parameters.AddWithValue(id);
            link.Parameters.AddWithValue(job.Payload is not null);
            await link.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return new Acceptance(AcceptanceKind.Created, id);
    }

    /// <summary>A synchronous batch has its answer: a repeat of its request now replays it.</summary>
    public async Task SettleAsync(Guid apiKeyId, string idempotencyKey, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("UPDATE idempotency_keys SET state = 'accepted' WHERE api_key_id = $1 AND key = $2");
        cmd.Parameters.AddWithValue(apiKeyId);
        cmd.Parameters.AddWithValue(idempotencyKey);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A synchronous batch failed before it had an answer: free its key, so the client's retry runs.</summary>
    public async Task ReleaseAsync(Guid apiKeyId, string idempotencyKey, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("DELETE FROM idempotency_keys WHERE api_key_id = $1 AND key = $2 AND state = 'accepting'");
        cmd.Parameters.AddWithValue(apiKeyId);
        cmd.Parameters.AddWithValue(idempotencyKey);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Stores an async job's body. A custom plan copies the ≈ 9 MB parameter into the plan as a constant (≈ 100 ms
    /// of planning per batch, every time on a connection that has not run the insert five times), so the
    /// transaction asks for the generic plan, which keeps it a parameter; both go in one round trip.
    /// </summary>
    private static async Task StorePayloadAsync(NpgsqlConnection conn, long jobId, byte[] payload, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(conn)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT set_config('plan_cache_mode', 'force_generic_plan', true)"),
                new NpgsqlBatchCommand(StorePayload)
                {
                    Parameters =
                    {
                        new NpgsqlParameter<long> { TypedValue = jobId },
                        new NpgsqlParameter<byte[]> { TypedValue = payload, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea },
                    },
                },
            },
        };
        await batch.ExecuteNonQueryAsync(ct);
    }

    private static async Task<bool> ClaimAsync(NpgsqlConnection conn, NewIngestJob job, string key, TimeSpan window, CancellationToken ct)
    {
        await using var claim = new NpgsqlCommand(ClaimKey, conn);
        claim.Parameters.AddWithValue(job.ApiKeyId);
        claim.Parameters.AddWithValue(key);
        claim.Parameters.AddWithValue(job.RequestHash);
        claim.Parameters.AddWithValue(window);
        return await claim.ExecuteScalarAsync(ct) is true;
    }
}
