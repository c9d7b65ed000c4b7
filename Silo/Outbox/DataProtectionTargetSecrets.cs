using CatalogHub.Grains.Outbox;
using Microsoft.AspNetCore.DataProtection;

namespace CatalogHub.Silo.Outbox;

/// <summary>Delivery secrets decrypted with ASP.NET Core Data Protection (the key ring is in PostgreSQL).</summary>
public sealed class DataProtectionTargetSecrets(IDataProtectionProvider provider) : ITargetSecrets
{
    private readonly IDataProtector _protector = provider.CreateProtector(SecretPurposes.Delivery);

    public string Unprotect(string payload) => _protector.Unprotect(payload);
}
