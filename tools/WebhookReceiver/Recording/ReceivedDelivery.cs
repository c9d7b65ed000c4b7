using System.Text;

namespace CatalogHub.WebhookReceiver.Recording;

/// <summary>
/// One POST as the receiver got it and answered it. <see cref="Status"/> is what it answered (499 when the
/// client gave up during the latency knob); <see cref="Verified"/> whether the signature header matched the
/// raw body under a configured secret.
/// </summary>
public sealed record ReceivedDelivery(
    long Sequence,
    DateTimeOffset ReceivedAt,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string> Headers,
    byte[] RawBody,
    string? EventId,
    string? Signature,
    bool Verified,
    int Status)
{
    /// <summary>The body as UTF-8 text.</summary>
    public string Body => Encoding.UTF8.GetString(RawBody);

    /// <summary>A header's value (case-insensitive name), or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public override string ToString() => $"#{Sequence} {Path} event={EventId ?? "-"} verified={Verified} status={Status}";
}
