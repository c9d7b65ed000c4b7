using CatalogHub.Grains.Catalog;
using Npgsql;

namespace CatalogHub.Grains.Imports;

/// <summary>One attempt at an import: its row, the transaction every read and write of it runs in, and its fault hook.</summary>
internal sealed class ImportRun(ImportRow row, NpgsqlConnection connection, NpgsqlTransaction transaction, bool dryRun, IImportFaults faults, DateTimeOffset at)
{
    public ImportRow Row => row;

    public NpgsqlConnection Connection => connection;

    public NpgsqlTransaction Transaction => transaction;

    /// <summary>Validation only: every read, no write, no lock; the summary says what would change.</summary>
    public bool DryRun => dryRun;

    public DateTimeOffset At => at;

    public ChangeSource Source { get; } = new(ChangeSources.Feed, row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public ValueTask AtAsync(string point, CancellationToken ct) => faults.AtAsync(point, row.Id, connection, ct);

    public NpgsqlCommand Command(string sql, params object[] args)
    {
        var cmd = new NpgsqlCommand(sql, connection, transaction);
        foreach (var a in args)
        {
            cmd.Parameters.AddWithValue(a);
        }

        return cmd;
    }

    /// <summary>Row locks for writes; none in a dry run, which must not hold up a running import.</summary>
    public string ForUpdate => dryRun ? "" : "FOR UPDATE";
}

/// <summary>How an attempt ended.</summary>
public abstract record ImportOutcome
{
    public sealed record Applied(ImportSummary Summary) : ImportOutcome;

    public sealed record Invalid(string Reason, IReadOnlyList<Feed.FeedError> Errors) : ImportOutcome;

    public sealed record Harmful(string Reason) : ImportOutcome;

    /// <summary>Another run of the same import got there (a duplicate activation during a membership change): leave it be.</summary>
    public sealed record Superseded : ImportOutcome;
}
