using System.Collections.Concurrent;
using CatalogHub.Grains.Adapters;
using CatalogHub.Grains.Catalog;
using CatalogHub.Grains.Suppliers;

namespace CatalogHub.TestAdapter;

/// <summary>The scripted adapter: a synthetic catalog with latency and faults per SKU, as its settings say.</summary>
public sealed class ScriptedAdapter(Guid supplierId, ScriptedSettings settings, IReadOnlyDictionary<string, string> credentials) : ISupplierAdapter
{
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private DiscoveryMode _mode;

    public IReadOnlySet<DiscoveryMode> SupportedModes { get; } = settings.SupportedModes();

    public async Task<IReadOnlyList<ProductRef>> DiscoverAsync(DiscoveryRequest request, CancellationToken ct)
    {
        _mode = request.Mode;
        ScriptedLog.Record(supplierId, settings.LogFile, new ScriptedCall("discover", null, 1, DateTimeOffset.UtcNow, request.Mode, request.ChangedSince));
        if (settings.RequireToken is { } token && (!credentials.TryGetValue("token", out var given) || given != token))
        {
            throw new SupplierAuthException("The supplier refused the token.", "auth");
        }

        await DelayAsync(ct);
        Throw(settings.DiscoverFault, "(discovery)");
        IEnumerable<string> skus = request.Mode switch
        {
            DiscoveryMode.FullSellable => settings.Catalog(),
            DiscoveryMode.FirstN => settings.Catalog().Take(request.Limit ?? 0),
            DiscoveryMode.ExplicitList => request.ExplicitList ?? [],
            DiscoveryMode.Delta => settings.Delta,
            _ => settings.Closeouts,
        };
        return [.. skus.Select(s => new ProductRef(s))];
    }

    public async Task<CanonicalProduct> HydrateAsync(ProductRef product, CancellationToken ct)
    {
        var sku = product.SupplierSku;
        var attempt = _attempts.AddOrUpdate(sku, 1, (_, n) => n + 1);
        ScriptedLog.Record(supplierId, settings.LogFile, new ScriptedCall("hydrate", sku, attempt, DateTimeOffset.UtcNow, _mode, null));
        ScriptedLog.Enter(supplierId);
        try
        {
            await DelayAsync(ct);
            var fault = settings.Faults.TryGetValue(sku, out var faults) && attempt <= faults.Count ? faults[attempt - 1] : "ok";
            Throw(fault, sku);
            var price = fault == "invalid" ? -1m : settings.Prices.GetValueOrDefault(sku, settings.Price);
            return new CanonicalProduct
            {
                ProductName = $"Product {sku}",
                SupplierSku = sku,
                Brand = "Scripted",
                Variants =
                [
                    new CanonicalVariant { Sku = $"{sku}-S", Size = "S", BasePrice = price, Inventory = 5 },
                    new CanonicalVariant { Sku = $"{sku}-M", Size = "M", BasePrice = price, Inventory = 7 },
                ],
            };
        }
        finally
        {
            ScriptedLog.Leave(supplierId);
        }
    }

    private Task DelayAsync(CancellationToken ct) => settings.LatencyMs > 0 ? Task.Delay(settings.LatencyMs, ct) : Task.CompletedTask;

    private static void Throw(string? fault, string sku)
    {
        switch (fault)
        {
            case "transient":
                throw new SupplierTransientException($"Simulated time-out for {sku}.", "timeout");
            case "auth":
                throw new SupplierAuthException("Simulated: credentials refused.", "auth");
            case "rejected":
                throw new SupplierRejectedException($"Simulated: {sku} not found.", "not_found");
            case "partial":
                throw new SupplierRejectedException($"Simulated: pricing failed for {sku}.", "pricing");
            case "error":
                throw new InvalidOperationException($"Simulated bug while reading {sku}.");
        }
    }
}
