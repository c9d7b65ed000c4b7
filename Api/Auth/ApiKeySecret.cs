using System.Security.Cryptography;
using System.Text;

namespace CatalogHub.Api.Auth;

/// <summary>Makes API key secrets and their stored form. Pure functions: unit-tested without a database.</summary>
public static class ApiKeySecret
{
    /// <summary>Every generated key starts with this, so leaked keys are easy to find by scanners.</summary>
    public const string KeyPrefix = "hub_";

    /// <summary>Keys given by operators (bootstrap) must be at least this long.</summary>
    public const int MinimumLength = 32;

    private const int VisiblePrefixLength = 12;

    /// <summary>A new key: <c>hub_</c> + 32 random bytes, base64url.</summary>
    public static string Generate() => KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The SHA-256 of the key, which is all the database keeps.</summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The visible start of a key (e.g. <c>hub_Ab12Cd34</c>) to tell keys apart in lists.</summary>
    public static string VisiblePrefix(string key) => key.Length <= VisiblePrefixLength ? key : key[..VisiblePrefixLength];

    /// <summary>Null when <paramref name="key"/> is acceptable as an operator-supplied key, else why not.</summary>
    public static string? Problem(string key)
    {
        if (key.Length < MinimumLength)
        {
            return $"an API key must be at least {MinimumLength} characters long (got {key.Length})";
        }

        return key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? "an API key must not contain whitespace or control characters"
            : null;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
