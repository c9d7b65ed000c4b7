namespace CatalogHub.Bench.Faults.Cases;

public sealed class CrashCases(FaultRun run)
{
    public IEnumerable<(string, Func<Task<FaultResult>>)> Cases => run is null ? [] : [];
}
