using System.Security.Cryptography;
using System.Text;

namespace CatalogHub.Grains.Outbox;

/// <summary>
/// The signature of a webhook: <c>X-Hub-Signature-256: sha256=&lt;lowercase hex of HMAC-SHA256(secret, raw body)&gt;</c>.
/// A receiver recomputes it over the bytes it received and compares in constant time.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Hub-Signature-256";
    public const string EventIdHeader = "X-Hub-Event-Id";
    public const string EventTypeHeader = "X-Hub-Event-Type";

    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Whether <paramref name="header"/> is the signature of <paramref name="body"/> under <paramref name="secret"/>.</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, body)), Encoding.ASCII.GetBytes(header));
}
