namespace CatalogHub.Grains.Suppliers;

/// <summary>
/// Encrypts supplier credentials for storage and decrypts them for an adapter. The silo implements it with
/// ASP.NET Core Data Protection and a key ring in PostgreSQL, so every silo decrypts what any silo encrypted.
/// </summary>
public interface ISupplierSecrets
{
    /// <summary>An opaque payload for the <c>suppliers.credentials</c> column.</summary>
    string Protect(IReadOnlyDictionary<string, string> credentials);

    /// <summary>The credentials of a payload <see cref="Protect"/> made.</summary>
    IReadOnlyDictionary<string, string> Unprotect(string payload);
}
