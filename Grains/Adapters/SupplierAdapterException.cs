namespace CatalogHub.Grains.Adapters;

/// <summary>
/// A failure an adapter reports on purpose; its kind decides what the sync job does (seed 000):
/// <see cref="SupplierAuthException"/> aborts the job, <see cref="SupplierTransientException"/> is retried,
/// <see cref="SupplierRejectedException"/> fails that product only.
/// </summary>
public abstract class SupplierAdapterException(string message, string? code = null, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The supplier's error code where it gave one (e.g. a PromoStandards ServiceMessage code).</summary>
    public string? Code { get; } = code;
}

/// <summary>Bad or missing credentials: the whole job stops at once.</summary>
public sealed class SupplierAuthException(string message, string? code = null, Exception? inner = null)
    : SupplierAdapterException(message, code, inner);

/// <summary>Network failure, time-out, HTTP 5xx or 429: worth retrying.</summary>
public sealed class SupplierTransientException(string message, string? code = null, Exception? inner = null)
    : SupplierAdapterException(message, code, inner);

/// <summary>The supplier answered but refused or could not serve this product (not found, malformed reply, …).</summary>
public sealed class SupplierRejectedException(string message, string? code = null, Exception? inner = null)
    : SupplierAdapterException(message, code, inner);
