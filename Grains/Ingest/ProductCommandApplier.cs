using CatalogHub.Grains.Catalog;
using Npgsql;

namespace CatalogHub.Grains.Ingest;

/// <summary>
/// What a product grain does with an ingestion job's commands: load the whole product, run the commands
/// (<see cref="CommandSequence"/>), and write the final state once through the group-committing store, with the
/// receipts of the entries it applied; a version conflict reloads and runs them again.
/// </summary>
/// <remarks>
/// The job engine has already answered the entries that are unchanged from the product row alone
/// (<see cref="EntryStamp"/>); <see cref="CommandBatch.Absent"/> says it found the product absent, so a create needs
/// no whole-product read. A single products/POS entry that writes stores its <see cref="PutProduct.Digest"/> with the
/// product.
/// </remarks>
public sealed class ProductCommandApplier(CatalogStore store, ProductStateReader states, NpgsqlDataSource dataSource, TimeProvider time)
{
    private const int MaxAttempts = 5;

    private const string ReceiptsSql = """
        SELECT row_number FROM ingest_receipts WHERE job_id = $1 AND product_id = $2 AND row_number = ANY ($3)
        """;

    public async Task<IReadOnlyList<CommandResult>> ApplyAsync(ProductKey key, CommandBatch batch)
    {
        var source = new ChangeSource(ChangeSources.Ingest, batch.JobId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var skip = batch.Resumed ? await AppliedBeforeAsync(key, batch) : null;
        var digest = batch.Commands is [PutProduct { Digest: { } d }] ? d : null;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            // Known absent on the first attempt: nothing to read (a product created meanwhile shows as a conflict).
            var stored = batch.Absent && attempt == 1 ? null : await states.LoadAsync(key);
            var now = time.GetUtcNow();
            var run = CommandSequence.Run(key, stored, batch.Commands, now, skip);
            if (batch.ValidateOnly || run.State is null || (!run.Changed && !batch.ForceSync))
            {
                return run.Results(stored?.Stamp.ProductNumber ?? 0, sku => stored?.VariantNumber(sku) ?? 0);
            }

            var write = run.Changed
                ? new ProductWrite(run.Content!, stored?.Stamp.Version, source, now)
                {
                    Receipts = run.AppliedRows.Count > 0 && batch.Commands.Any(c => c is AdjustInventory) ? new IngestReceipts(batch.JobId, run.AppliedRows) : null,
                    EntryHash = run.AppliedRows.Count == 1 ? digest : null,
                }
                : new ProductWrite(ProductContent.Prepare(key, stored!.Product), stored.Stamp.Version, source, now) { EventOnly = true };
            var result = await store.WriteAsync(write);
            if (result.Status == WriteStatus.Written)
            {
                var numbers = result.VariantNumbers ?? [];
                var variants = run.State.Variants;
                return run.Results(result.Stamp!.ProductNumber, sku => NumberOf(variants, numbers, sku));
            }

            if (result.Status == WriteStatus.UnknownCategory)
            {
                return [.. batch.Commands.Select(c => new CommandResult(c.Row, CommandOutcome.Failed, 0, [], EntryError.Validation("The product's category does not exist", "category_id")))];
            }
        }

        throw new InvalidOperationException($"Product {key} kept changing under its writer ({MaxAttempts} version conflicts in a row).");
    }

    private static long NumberOf(IReadOnlyList<CanonicalVariant> variants, IReadOnlyList<long> numbers, string sku)
    {
        for (var i = 0; i < variants.Count && i < numbers.Count; i++)
        {
            if (variants[i].Sku == sku)
            {
                return numbers[i];
            }
        }

        return 0;
    }

    /// <summary>The rows of <paramref name="batch"/> this product took before the job was interrupted.</summary>
    private async Task<IReadOnlySet<int>> AppliedBeforeAsync(ProductKey key, CommandBatch batch)
    {
        await using var cmd = dataSource.CreateCommand(ReceiptsSql);
        cmd.Parameters.AddWithValue(batch.JobId);
        cmd.Parameters.AddWithValue(NameBasedGuid.Product(key.Catalog, key.Key));
        cmd.Parameters.AddWithValue(batch.Commands.Select(c => c.Row).ToArray());
        var rows = new HashSet<int>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetInt32(0));
        }

        return rows;
    }
}
