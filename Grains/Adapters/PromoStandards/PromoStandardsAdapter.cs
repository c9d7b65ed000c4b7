using CatalogHub.Grains.Catalog;
using CatalogHub.Grains.Suppliers;

namespace CatalogHub.Grains.Adapters.PromoStandards;

/// <summary>
/// The <c>promostandards</c> adapter of one supplier. Discovery: full_sellable → getProductSellable(true);
/// first_n → the same list cut to N; delta → getProductDateModified(since); closeouts → getProductCloseOut;
/// explicit_list → as given, no call. Hydration: getProduct, getConfigurationAndPricing, getMediaContent and
/// getInventoryLevels concurrently (pricing waits for getProduct's FobPoint unless <c>fob_id</c> is set),
/// normalised by <see cref="PsNormalizer"/>. When calls fail, the most telling error wins (auth, then
/// rejected, then transient; getProduct's before the others'), so an unknown product is always getProduct's 130.
/// </summary>
public sealed class PromoStandardsAdapter(PsClient client, PromoStandardsSettings settings) : ISupplierAdapter
{
    private static readonly IReadOnlySet<DiscoveryMode> Modes = new HashSet<DiscoveryMode>(Enum.GetValues<DiscoveryMode>());

    public IReadOnlySet<DiscoveryMode> SupportedModes => Modes;

    public async Task<IReadOnlyList<ProductRef>> DiscoverAsync(DiscoveryRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        switch (request.Mode)
        {
            case DiscoveryMode.FullSellable:
                return await ListAsync(PsRequests.GetProductSellable(client.Account, settings.Country, settings.Language, sellable: true), "ProductSellable", ct);
            case DiscoveryMode.FirstN:
                var limit = request.Limit is > 0 ? request.Limit.Value : throw new ArgumentException("first_n needs a positive limit", nameof(request));
                var sellable = await ListAsync(PsRequests.GetProductSellable(client.Account, settings.Country, settings.Language, sellable: true), "ProductSellable", ct);
                return sellable.Count <= limit ? sellable : [.. sellable.Take(limit)];
            case DiscoveryMode.Delta:
                var since = request.ChangedSince ?? throw new ArgumentException("delta needs ChangedSince", nameof(request));
                return await ListAsync(PsRequests.GetProductDateModified(client.Account, since), "ProductDateModified", ct);
            case DiscoveryMode.Closeouts:
                return await ListAsync(PsRequests.GetProductCloseOut(client.Account), "ProductCloseOut", ct);
            case DiscoveryMode.ExplicitList:
                return
                [
                    .. (request.ExplicitList ?? []).Select(s => s?.Trim()).Where(s => !string.IsNullOrEmpty(s))
                        .Distinct(StringComparer.Ordinal).Select(s => new ProductRef(s!)),
                ];
            default:
                throw new ArgumentOutOfRangeException(nameof(request), request.Mode, "unknown discovery mode");
        }
    }

    public async Task<CanonicalProduct> HydrateAsync(ProductRef product, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(product);
        var productId = product.SupplierSku;
        var productTask = ProductAsync(productId, ct);
        var pricingTask = PricingAsync(productId, productTask, ct);
        var mediaTask = MediaAsync(productId, ct);
        var inventoryTask = InventoryAsync(productId, ct);
        Task[] all = [productTask, pricingTask, mediaTask, inventoryTask];
        try
        {
            await Task.WhenAll(all);
        }
        catch
        {
            ct.ThrowIfCancellationRequested();
            throw MostTelling(all);
        }

        var canonical = PsNormalizer.Normalize(productTask.Result, pricingTask.Result, mediaTask.Result, inventoryTask.Result, settings.PriceType);
        return canonical with { SupplierSku = productId };
    }

    private async Task<PsProduct> ProductAsync(string productId, CancellationToken ct) => PsProductParser.Parse(
        await client.SendForElementAsync(PsRequests.GetProduct(client.Account, settings.Country, settings.Language, productId), ct));

    /// <summary>With <c>fob_id</c> set this starts at once; otherwise it takes getProduct's first FobPoint.</summary>
    private async Task<IReadOnlyDictionary<string, IReadOnlyList<PsPriceBreak>>> PricingAsync(string productId, Task<PsProduct> product, CancellationToken ct)
    {
        var fobId = settings.FobId ?? ((await product).FobIds is [var first, ..] ? first : null)
            ?? throw new SupplierRejectedException("getProduct: the product has no FobPoint for pricing; set fob_id in the adapter settings");
        return PsHydrationParsers.Pricing(
            await client.SendForElementAsync(PsRequests.GetConfigurationAndPricing(client.Account, settings, productId, fobId), ct));
    }

    /// <summary>Media's 160 "No results found" is a product without images, not an error.</summary>
    private async Task<IReadOnlyList<PsMedia>> MediaAsync(string productId, CancellationToken ct) => PsHydrationParsers.Media(
        await client.SendForElementAsync(PsRequests.GetMediaContent(client.Account, productId), ct, emptyCode: "160"));

    private async Task<IReadOnlyList<PsPartInventory>> InventoryAsync(string productId, CancellationToken ct) => PsHydrationParsers.Inventory(
        await client.SendForElementAsync(PsRequests.GetInventoryLevels(client.Account, productId), ct));

    private Task<IReadOnlyList<ProductRef>> ListAsync(SoapRequest request, string rowName, CancellationToken ct) =>
        client.SendAsync(request, (reader, token) => PsListParser.ReadAsync(reader, request.Operation, rowName, client.Account, token), ct);

    /// <summary>Of the calls that failed: auth first (it stops the job), then rejected, then transient.</summary>
    private static Exception MostTelling(Task[] tasks)
    {
        var errors = tasks.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).ToList();
        return errors.OfType<SupplierAuthException>().FirstOrDefault()
            ?? errors.OfType<SupplierRejectedException>().FirstOrDefault()
            ?? errors.OfType<SupplierTransientException>().FirstOrDefault()
            ?? errors.FirstOrDefault()
            ?? new SupplierTransientException("hydration was cancelled");
    }
}
