using BenchmarkDotNet.Attributes;
using CatalogHub.Api.Products;

namespace CatalogHub.Bench.Micro;

/// <summary>What every list request pays before its SQL: parsing the query string and building the statement.</summary>
[MemoryDiagnoser]
public class ProductListQueryBenchmarks
{
    private readonly ProductListParameters _parameters = new()
    {
        SupplierId = "6f1c2b0e-4d7a-4c55-9a43-0b9d2f0c8e11",
        Q = "50% cotton_tee",
        Archived = "false",
        Skip = "100",
        Limit = "50",
    };

    [Benchmark(Baseline = true)]
    public ProductListQuery Parse() => ProductListQuery.TryParse(_parameters, out var query, out _) ? query : throw new InvalidOperationException();

    [Benchmark]
    public string ParseAndBuildSql()
    {
        return ProductListQuery.TryParse(_parameters, out var query, out _) ? new ProductListSql(query, null).Page : throw new InvalidOperationException();
    }
}
