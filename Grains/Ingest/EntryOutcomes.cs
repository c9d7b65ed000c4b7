namespace CatalogHub.Grains.Ingest;

/// <summary>
/// One result per entry from its plan and the results of its commands. An entry that touched several products
/// (a SKU in several products of the store) fails when any of them failed; otherwise its action is the strongest
/// (created, then updated, then unchanged), the product is the first one and the variants are all of them.
/// </summary>
public static class EntryOutcomes
{
    public static EntryOutcome Combine(EntryPlan plan, IReadOnlyList<CommandResult> results)
    {
        var entry = plan.Entry;
        if (plan.Error is { } error)
        {
            return Failed(entry, error);
        }

        if (results.Count == 0)
        {
            return Failed(entry, new EntryError(EntryErrorType.Database, "The entry was not applied"));
        }

        if (results.FirstOrDefault(r => r.Outcome == CommandOutcome.Failed) is { } failed)
        {
            var applied = results.Count(r => r.Outcome != CommandOutcome.Failed);
            var message = applied == 0 ? failed.Error!.Message : $"{failed.Error!.Message} ({applied} of {results.Count} products were updated)";
            return Failed(entry, failed.Error with { Message = message });
        }

        var outcome = results.Min(r => r.Outcome);
        return new EntryOutcome(entry.Row, entry.EntryId, outcome, results[0].ProductNumber, [.. results.SelectMany(r => r.VariantNumbers)]);
    }

    public static EntryOutcome Failed(IngestEntry entry, EntryError error) =>
        new(entry.Row, entry.EntryId, CommandOutcome.Failed, null, null, error, entry.Data.ValueKind == System.Text.Json.JsonValueKind.Undefined ? null : entry.Data.GetRawText());
}
