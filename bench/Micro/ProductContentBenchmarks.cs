using BenchmarkDotNet.Attributes;
using CatalogHub.Grains.Catalog;

namespace CatalogHub.Bench.Micro;

/// <summary>
/// What every upsert pays before it reaches the store: normalising a product and hashing its content
/// (<see cref="ProductContent.Prepare"/>), validating it, and the name-based ids of the product and its variants.
/// </summary>
[MemoryDiagnoser]
public class ProductContentBenchmarks
{
    private CanonicalProduct _small = null!;
    private CanonicalProduct _large = null!;
    private ProductKey _key = null!;

    /// <summary>Variants of the large product (a supplier's apparel style: colors × sizes).</summary>
    [Params(3, 60)]
    public int Variants { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _key = new ProductKey("supplier:6f1c2b0e-4d7a-4c55-9a43-0b9d2f0c8e11", "PC61");
        _small = Products.Apparel(3);
        _large = Products.Apparel(Variants);
    }

    [Benchmark(Baseline = true)]
    public string PrepareThreeVariants() => ProductContent.Prepare(_key, _small).Hash;

    [Benchmark]
    public string Prepare() => ProductContent.Prepare(_key, _large).Hash;

    [Benchmark]
    public int Validate() => ProductRules.Check(_large).Count;

    [Benchmark]
    public Guid VariantIds()
    {
        var id = NameBasedGuid.Product(_key.Catalog, _key.Key);
        var last = id;
        foreach (var v in _large.Variants)
        {
            last = NameBasedGuid.Variant(id, v.Sku);
        }

        return last;
    }
}
