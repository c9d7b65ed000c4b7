namespace CatalogHub.Grains.Limits;

/// <inheritdoc cref="IRateLimitGrain"/>
/// <remarks>
/// Not reentrant: one acquisition at a time, so check-and-count is atomic. Collected after two idle minutes, when
/// its windows are empty anyway (nothing is lost).
/// </remarks>
[CollectionAgeLimit(Minutes = 2)]
public sealed class RateLimitGrain(TimeProvider time) : Grain, IRateLimitGrain
{
    private readonly KeyBudget _budget = new();

    public Task<RateDecision> AcquireAsync(int requests, int entries, KeyLimits limits) =>
        Task.FromResult(_budget.Acquire(requests, entries, limits, time.GetUtcNow()));
}
