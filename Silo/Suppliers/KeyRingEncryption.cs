using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace CatalogHub.Silo.Suppliers;

/// <summary>
/// <c>Hub:Secrets:KeyRingKey</c>: the key that encrypts the Data Protection key ring before it is stored in PostgreSQL
/// (base64 of 32 random bytes, e.g. <c>openssl rand -base64 32</c>). Kept outside the database (environment, secret
/// store), so a copy of the database alone cannot decrypt supplier passwords, Shopify tokens or webhook secrets.
/// Every silo of a cluster needs the same one.
/// </summary>
public sealed class KeyRingKeyOptions
{
    public const string Section = "Hub:Secrets";

    public string? KeyRingKey { get; set; }

    /// <summary>The key's bytes; null when none is configured; an exception naming the setting when it is malformed.</summary>
    public byte[]? Bytes()
    {
        if (string.IsNullOrWhiteSpace(KeyRingKey))
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(KeyRingKey.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{Section}:KeyRingKey must be base64 of 32 bytes (openssl rand -base64 32).");
        }

        return bytes.Length == 32 ? bytes : throw new InvalidOperationException($"{Section}:KeyRingKey must be 32 bytes, not {bytes.Length} (openssl rand -base64 32).");
    }
}

/// <summary>
/// Encrypts a key-ring element with AES-256-GCM under <see cref="KeyRingKeyOptions"/>'s key. The stored element holds
/// the nonce, the tag and the ciphertext; a fingerprint of the key tells which key a silo would need.
/// </summary>
public sealed class KeyRingEncryptor(byte[] key) : IXmlEncryptor
{
    internal const string ElementName = "hubEncryptedKey";

    private static readonly byte[] AssociatedData = "catalog-hub key ring v1"u8.ToArray();

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(key, tag.Length))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag, AssociatedData);
        }

        CryptographicOperations.ZeroMemory(plaintext);
        var element = new XElement(ElementName,
            new XAttribute("key", Fingerprint(key)),
            new XAttribute("nonce", Convert.ToBase64String(nonce)),
            new XAttribute("tag", Convert.ToBase64String(tag)),
            Convert.ToBase64String(ciphertext));
        return new EncryptedXmlInfo(element, typeof(KeyRingDecryptor));
    }

    /// <summary>Decrypts an element made by <see cref="Encrypt"/> with <paramref name="key"/>.</summary>
    public static XElement Decrypt(XElement encrypted, byte[] key)
    {
        if (encrypted.Attribute("key")?.Value is { } expected && expected != Fingerprint(key))
        {
            throw new CryptographicException(
                $"The key ring was encrypted with another {KeyRingKeyOptions.Section}:KeyRingKey (fingerprint {expected}, this silo has {Fingerprint(key)}).");
        }

        var nonce = Convert.FromBase64String(encrypted.Attribute("nonce")!.Value);
        var tag = Convert.FromBase64String(encrypted.Attribute("tag")!.Value);
        var ciphertext = Convert.FromBase64String(encrypted.Value);
        var plaintext = new byte[ciphertext.Length];
        using (var aes = new AesGcm(key, tag.Length))
        {
            aes.Decrypt(nonce, ciphertext, tag, plaintext, AssociatedData);
        }

        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>The first 8 bytes of the key's SHA-256, in hex: names the key without revealing it.</summary>
    public static string Fingerprint(byte[] key) => Convert.ToHexString(SHA256.HashData(key).AsSpan(0, 8));
}

/// <summary>Decrypts key-ring elements (Data Protection creates it with the host's services).</summary>
public sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetRequiredService<IOptions<KeyRingKeyOptions>>().Value.Bytes()
            ?? throw new CryptographicException($"The key ring is encrypted, but this silo has no {KeyRingKeyOptions.Section}:KeyRingKey.");
        return KeyRingEncryptor.Decrypt(encryptedElement, key);
    }
}
