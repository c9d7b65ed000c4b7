using System.Security.Cryptography;
using System.Text;

namespace CatalogHub.Grains.Catalog;

/// <summary>
/// RFC 9562 version-5 (SHA-1, name-based) UUIDs: the same name always gives the same id. In the interfaces
/// project because the API derives the ids of a product's images and options from it when it reads them.
/// </summary>
public static class NameBasedGuid
{
    /// <summary>The hub's namespace for product, variant and event ids.</summary>
    public static readonly Guid HubNamespace = new("6f1c2b0e-4d7a-4c55-9a43-0b9d2f0c8e11");

    public static Guid Create(Guid @namespace, string name)
    {
        Span<byte> ns = stackalloc byte[16];
        @namespace.TryWriteBytes(ns, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        ns.CopyTo(input);
        nameBytes.CopyTo(input, 16);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // SHA-1 is what version-5 UUIDs are defined with; this is naming, not security.
        SHA1.HashData(input, hash);
#pragma warning restore CA5350
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50); // version 5
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(bytes, bigEndian: true);
    }

    public static Guid Product(string catalog, string key) => Create(HubNamespace, $"product\n{catalog}\n{key}");

    public static Guid Variant(Guid productId, string sku) => Create(productId, $"variant\n{sku}");

    public static Guid ProductEvent(Guid productId, int version) => Create(productId, $"event\n{version}");
}
