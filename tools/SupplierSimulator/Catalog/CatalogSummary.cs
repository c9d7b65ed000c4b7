namespace CatalogHub.SupplierSimulator.Catalog;

/// <summary>What the catalog holds, for tests and the admin endpoint: counts and notable product ids.</summary>
public sealed record CatalogSummary(
    int Products,
    int Seed,
    DateTimeOffset Clock,
    string FirstApparel,
    string FirstPrint,
    IReadOnlyList<string> Closeouts,
    IReadOnlyList<string> NotSellable,
    IReadOnlyList<string> WithoutMedia)
{
    public static CatalogSummary Of(CatalogState state)
    {
        var shapes = state.Shapes().ToList();
        string First(SimKind kind) => shapes.FirstOrDefault(s => s.Kind == kind)?.ProductId ?? "";
        return new CatalogSummary(
            state.Catalog.Count,
            state.Catalog.Seed,
            state.Now,
            First(SimKind.Apparel),
            First(SimKind.Print),
            [.. shapes.Where(s => s.IsCloseout).Select(s => s.ProductId)],
            [.. shapes.Where(s => !s.IsSellable).Select(s => s.ProductId)],
            [.. shapes.Where(s => !s.HasMedia).Select(s => s.ProductId)]);
    }
}
