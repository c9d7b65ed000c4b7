namespace CatalogHub.Grains.Limits;

/// <summary>What the rate limit grain decided about one acquisition.</summary>
/// <param name="Allowed">True: the request (and its entries) were counted. False: nothing was counted.</param>
/// <param name="RetryAfterSeconds">When refused, whole seconds (≥ 1) until the same acquisition would fit; 0 when allowed.</param>
/// <param name="Message">When refused, the limit hit, e.g. "Rate limit exceeded: 60 requests per minute".</param>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Limits.RateDecision")]
public sealed record RateDecision(
    [property: Id(0)] bool Allowed,
    [property: Id(1)] int RetryAfterSeconds,
    [property: Id(2)] string? Message)
{
    public static RateDecision Allow { get; } = new(true, 0, null);

    public static RateDecision Refuse(int retryAfterSeconds, string message) => new(false, Math.Max(1, retryAfterSeconds), message);
}
