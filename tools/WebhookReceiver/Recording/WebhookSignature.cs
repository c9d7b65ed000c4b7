using System.Security.Cryptography;
using System.Text;

namespace CatalogHub.WebhookReceiver.Recording;

/// <summary>
/// The hub's webhook signature, the contract between the webhook channel and its receivers: header
/// <c>X-Hub-Signature-256: sha256=&lt;lowercase hex of HMAC-SHA256(secret as UTF-8, raw body bytes)&gt;</c>, and
/// the event id in <c>X-Hub-Event-Id</c>.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Hub-Signature-256";

    public const string EventIdHeader = "X-Hub-Event-Id";

    public const string Prefix = "sha256=";

    /// <summary>The header value for <paramref name="body"/> signed with <paramref name="secret"/>.</summary>
    public static string Compute(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Whether <paramref name="header"/> is exactly the signature of <paramref name="body"/> under one of <paramref name="secrets"/> (compared in constant time).</summary>
    public static bool Verify(string? header, ReadOnlySpan<byte> body, IEnumerable<string> secrets)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var given = Encoding.ASCII.GetBytes(header);
        foreach (var secret in secrets)
        {
            var expected = Encoding.ASCII.GetBytes(Compute(secret, body));
            if (CryptographicOperations.FixedTimeEquals(given, expected))
            {
                return true;
            }
        }

        return false;
    }
}
