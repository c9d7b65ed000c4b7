namespace CatalogHub.Grains.Outbox;

/// <summary>
/// Decrypts the delivery secrets the API stored (Shopify tokens, webhook and callback signing secrets). The silo
/// implements it with ASP.NET Core Data Protection (purpose <see cref="SecretPurposes.Delivery"/>), whose key ring
/// is in PostgreSQL, so any silo decrypts what any silo encrypted.
/// </summary>
public interface ITargetSecrets
{
    string Unprotect(string payload);
}
