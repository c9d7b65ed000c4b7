namespace CatalogHub.Bench.Faults.Cases;

public sealed class SoakCase(FaultRun run)
{
    public Task<FaultResult> RunAsync() => throw new NotSupportedException("not built yet on " + run.Options.Cases.Count);
}
