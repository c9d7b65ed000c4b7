using System.Security.Cryptography;
using System.Xml.Linq;
using CatalogHub.Silo.Suppliers;

namespace CatalogHub.UnitTests.Suppliers;

public class KeyRingEncryptionTests
{
    private static readonly XElement Secret = XElement.Parse("<masterKey><value>c2VjcmV0IGtleSBtYXRlcmlhbA==</value></masterKey>");

    [Fact]
    public void AnElementComesBackAsItWasAndIsNotStoredInTheClear()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var encrypted = new KeyRingEncryptor(key).Encrypt(Secret);
        Assert.Equal(typeof(KeyRingDecryptor), encrypted.DecryptorType);
        Assert.DoesNotContain("c2VjcmV0", encrypted.EncryptedElement.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("masterKey", encrypted.EncryptedElement.ToString(), StringComparison.Ordinal);
        Assert.Equal(Secret.ToString(), KeyRingEncryptor.Decrypt(encrypted.EncryptedElement, key).ToString());
    }

    [Fact]
    public void EachEncryptionUsesItsOwnNonce()
    {
        var encryptor = new KeyRingEncryptor(RandomNumberGenerator.GetBytes(32));
        Assert.NotEqual(encryptor.Encrypt(Secret).EncryptedElement.Attribute("nonce")!.Value, encryptor.Encrypt(Secret).EncryptedElement.Attribute("nonce")!.Value);
    }

    [Fact]
    public void AnotherKeyIsNamedByItsFingerprintAndTamperingIsDetected()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var other = RandomNumberGenerator.GetBytes(32);
        var element = new KeyRingEncryptor(key).Encrypt(Secret).EncryptedElement;

        var wrongKey = Assert.ThrowsAny<CryptographicException>(() => KeyRingEncryptor.Decrypt(element, other));
        Assert.Contains(KeyRingEncryptor.Fingerprint(key), wrongKey.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(key), wrongKey.Message, StringComparison.Ordinal);

        var bytes = Convert.FromBase64String(element.Value);
        bytes[0] ^= 1;
        element.Value = Convert.ToBase64String(bytes);
        Assert.ThrowsAny<CryptographicException>(() => KeyRingEncryptor.Decrypt(element, key));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void NoKeyConfiguredMeansNone(string? value) => Assert.Null(new KeyRingKeyOptions { KeyRingKey = value }.Bytes());

    [Theory]
    [InlineData("not base64!", "base64")]
    [InlineData("c2hvcnQ=", "32 bytes, not 5")]
    public void AMalformedKeyIsRefusedNamingTheSetting(string value, string expected)
    {
        var e = Assert.Throws<InvalidOperationException>(() => new KeyRingKeyOptions { KeyRingKey = value }.Bytes());
        Assert.Contains("Hub:Secrets:KeyRingKey", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
