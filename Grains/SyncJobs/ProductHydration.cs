using CatalogHub.Grains.Adapters;
using CatalogHub.Grains.Catalog;
using CatalogHub.Grains.Suppliers;
using Microsoft.Extensions.Logging;

namespace CatalogHub.Grains.SyncJobs;

/// <summary>
/// One ref of a running job: hydrate (under the supplier's rate limit, transient failures retried with the
/// configured back-off), then persist through the product's grain. The outcome is a checkpoint marker, or
/// an abort when the supplier refused the credentials. The engine runs the two steps apart, so persisting
/// never holds one of the supplier's hydrate slots.
/// </summary>
public sealed partial class ProductHydration(
    ISupplierAdapter adapter,
    SupplierRateLimit? limiter,
    IGrainFactory grains,
    Guid supplierId,
    ChangeSource source,
    IReadOnlyList<TimeSpan> retryDelays,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>
    /// Hydrates <paramref name="item"/>: the product, or the failure marker, or (for refused credentials) the
    /// error that aborts the job.
    /// </summary>
    public async Task<(CanonicalProduct? Product, RefMarker? Failure, SyncError? Abort)> HydrateAsync(PendingRef item, CancellationToken ct)
    {
        var sku = item.Ref.SupplierSku;
        for (var attempt = 0; ; attempt++)
        {
            if (limiter is not null)
            {
                await limiter.AcquireAsync(ct);
            }

            try
            {
                return (await adapter.HydrateAsync(item.Ref, ct), null, null);
            }
            catch (SupplierTransientException e) when (attempt < retryDelays.Count)
            {
                LogRetry(sku, attempt + 1, retryDelays[attempt], e.Message);
                await Task.Delay(retryDelays[attempt], time, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (SupplierAuthException e)
            {
                return (null, null, SyncError.From(SyncError.Hydrate, sku, e));
            }
            catch (Exception e)
            {
                return (null, new RefMarker(item.Position, false, null, SyncError.From(SyncError.Hydrate, sku, e)), null);
            }
        }
    }

    /// <summary>Stores a hydrated product through its grain; the marker says done (with the outcome) or failed. Never throws.</summary>
    public async Task<RefMarker> PersistAsync(PendingRef item, CanonicalProduct product)
    {
        var sku = item.Ref.SupplierSku;
        try
        {
            var stored = product with { SupplierId = supplierId, SupplierSku = product.SupplierSku ?? sku };
            var key = new ProductKey(ProductKey.SupplierCatalog(supplierId), sku);
            var result = await grains.GetGrain<IProductGrain>(key.ToString()).UpsertAsync(stored, source);
            return new RefMarker(item.Position, true, result.Outcome.ToString().ToLowerInvariant(), null);
        }
        catch (Exception e)
        {
            return new RefMarker(item.Position, false, null, SyncError.From(SyncError.Persist, sku, e));
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Hydrating {Sku} failed transiently ({Message}); retry {Attempt} in {Delay}")]
    private partial void LogRetry(string sku, int attempt, TimeSpan delay, string message);
}
