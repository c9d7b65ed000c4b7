using System.Data.Common;

namespace CatalogHub.Grains.Callbacks;

/// <summary>
/// Writes a job's completion callback inside the transaction that writes its terminal status, so the status and the
/// event commit together or not at all. Plain ADO.NET (positional parameters), so both the grains and the API use it.
/// </summary>
public sealed class JobCallbackWriter(IJobSummaries summaries)
{
    /// <summary>
    /// Inserts the callback event of the job when it has a callback (else does nothing); the payload is the job's GET
    /// body as <paramref name="transaction"/> sees it. Returns whether the job has a callback.
    /// </summary>
    public async Task<bool> WriteAsync(CallbackJobKind kind, string jobId, DbTransaction transaction, CancellationToken ct)
    {
        var connection = transaction.Connection ?? throw new InvalidOperationException("The transaction has no connection.");
        string url;
        Guid key;
        string catalog;
        await using (var target = Command(connection, transaction, JobCallbackSql.Target(kind), jobId))
        await using (var reader = await target.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
            {
                return false;
            }

            (url, key, catalog) = (reader.GetString(0), reader.GetGuid(1), reader.GetString(2));
        }

        var payload = await summaries.ReadAsync(kind, jobId, transaction, ct)
            ?? throw new InvalidOperationException($"The {JobCallbackSql.AggregateType(kind)} {jobId} has no summary to call back with.");
        await using var insert = Command(
            connection, transaction, JobCallbackSql.Insert, JobCallbackSql.EventId(kind, jobId), catalog, JobCallbackSql.AggregateType(kind),
            JobCallbackSql.AggregateId(kind, jobId), JobCallbackSql.EventType(kind), jobId, payload, key, url);
        await insert.ExecuteNonQueryAsync(ct);
        return true;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, params object[] args)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = sql;
        foreach (var a in args)
        {
            var p = cmd.CreateParameter();
            p.Value = a;
            cmd.Parameters.Add(p);
        }

        return cmd;
    }
}
