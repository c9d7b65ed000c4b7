using Npgsql;

namespace CatalogHub.Grains.Imports;

/// <summary>
/// Named points of an import's apply (<c>locked</c>, <c>validated</c>, <c>chunk-2-written</c>, <c>before-commit</c>…),
/// where tests inject faults: throw, kill the apply's connection, or hold the import until a signal. The hub registers
/// <see cref="NoImportFaults"/>; a test registers its own before the hub's services.
/// </summary>
public interface IImportFaults
{
    ValueTask AtAsync(string point, long importId, NpgsqlConnection connection, CancellationToken ct);
}

/// <summary>The production hook: nothing happens at any point.</summary>
public sealed class NoImportFaults : IImportFaults
{
    public ValueTask AtAsync(string point, long importId, NpgsqlConnection connection, CancellationToken ct) => ValueTask.CompletedTask;
}
