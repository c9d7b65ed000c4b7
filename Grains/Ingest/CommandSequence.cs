using CatalogHub.Grains.Catalog;
using CatalogHub.Grains.Ingest.Rules;

namespace CatalogHub.Grains.Ingest;

/// <summary>
/// Applies a product's commands one after the other to its stored state (pure: the grain loads and writes):
/// each command's outcome is judged against the state before it (created when the product did not exist yet,
/// unchanged when its content hash stayed), a failing command leaves the state as it was, and the last state
/// is what the grain writes — once, for the whole batch.
/// </summary>
public sealed class CommandSequence
{
    private readonly List<(ProductCommand Command, CommandOutcome Outcome, EntryError? Error)> _steps = [];

    private CommandSequence(ProductKey key, StoredProduct? stored)
    {
        Key = key;
        Stored = stored;
        State = stored?.Product;
        Hash = stored?.Stamp.ContentHash;
    }

    public ProductKey Key { get; }

    public StoredProduct? Stored { get; }

    /// <summary>The state after the last command (null: the product still does not exist).</summary>
    public CanonicalProduct? State { get; private set; }

    /// <summary>The prepared final state (null when it does not exist).</summary>
    public ProductContent? Content { get; private set; }

    /// <summary>The content hash of <see cref="State"/>.</summary>
    public string? Hash { get; private set; }

    /// <summary>Whether the final state differs from the stored one.</summary>
    public bool Changed => Hash != Stored?.Stamp.ContentHash;

    /// <summary>Rows of the commands that were applied (not failed, not skipped): their receipts go with the write.</summary>
    public IReadOnlyList<int> AppliedRows => [.. _steps.Where(s => s.Outcome != CommandOutcome.Failed).Select(s => s.Command.Row)];

    /// <summary>Runs <paramref name="commands"/> in order; rows in <paramref name="skip"/> were applied before (a resumed job) and count as updated.</summary>
    public static CommandSequence Run(ProductKey key, StoredProduct? stored, IReadOnlyList<ProductCommand> commands, DateTimeOffset now, IReadOnlySet<int>? skip = null)
    {
        var sequence = new CommandSequence(key, stored);
        foreach (var command in commands)
        {
            sequence.Step(command, now, skip?.Contains(command.Row) == true);
        }

        return sequence;
    }

    /// <summary>The results, numbered from the stored product or, after a write, from its numbers.</summary>
    public IReadOnlyList<CommandResult> Results(long productNumber, Func<string, long> variantNumber)
    {
        var variants = State?.Variants ?? [];
        return [.. _steps.Select(s => s.Outcome == CommandOutcome.Failed
            ? new CommandResult(s.Command.Row, CommandOutcome.Failed, 0, [], s.Error)
            : new CommandResult(s.Command.Row, s.Outcome, productNumber, s.Command switch
            {
                AdjustInventory a => [variantNumber(a.Sku)],
                SetPrice p => [variantNumber(p.Sku)],
                _ => [.. variants.Select(v => variantNumber(v.Sku))],
            }))];
    }

    private void Step(ProductCommand command, DateTimeOffset now, bool applied)
    {
        if (applied)
        {
            _steps.Add((command, CommandOutcome.Updated, null));
            return;
        }

        var result = ProductCommandRules.Apply(State, command, now);
        if (result.Error is not null || result.Product is null)
        {
            _steps.Add((command, CommandOutcome.Failed, result.Error ?? EntryError.Resolution("The product does not exist")));
            return;
        }

        ProductContent content;
        try
        {
            content = ProductContent.Prepare(Key, result.Product);
        }
        catch (ProductValidationException e)
        {
            var (field, messages) = e.Errors.First();
            _steps.Add((command, CommandOutcome.Failed, EntryError.Validation(string.Join("; ", messages), field)));
            return;
        }

        var outcome = State is null ? CommandOutcome.Created : content.Hash == Hash ? CommandOutcome.Unchanged : CommandOutcome.Updated;
        State = content.Product;
        Content = content;
        Hash = content.Hash;
        _steps.Add((command, outcome, null));
    }
}
