using System.Text.Json;
using CatalogHub.Grains.Suppliers;
using Microsoft.AspNetCore.DataProtection;

namespace CatalogHub.Silo.Suppliers;

/// <summary>Supplier credentials encrypted with ASP.NET Core Data Protection (the key ring is in PostgreSQL).</summary>
public sealed class DataProtectionSupplierSecrets(IDataProtectionProvider provider) : ISupplierSecrets
{
    /// <summary>The purpose string: payloads of other purposes cannot be decrypted as credentials.</summary>
    public const string Purpose = "CatalogHub.Suppliers.Credentials.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(IReadOnlyDictionary<string, string> credentials) => _protector.Protect(JsonSerializer.Serialize(credentials));

    public IReadOnlyDictionary<string, string> Unprotect(string payload) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(_protector.Unprotect(payload)) ?? [];
}
