using System.Collections.Concurrent;
using System.Security.Claims;
using CatalogHub.Api.Auth;
using CatalogHub.Grains.Callbacks;

namespace CatalogHub.Api.Callbacks;

/// <summary>
/// Picks a new job's callback from the request's <c>callback_url</c> and the calling key's settings. The settings are
/// cached per silo for <see cref="ApiKeyStore.CacheTime"/> with one read in flight per key, so a burst of job starts
/// costs one query, not one connection each; changes through this silo evict at once, and a <c>callback_url</c> the
/// cache would refuse for want of a secret is checked against the table first (a secret just set elsewhere counts).
/// </summary>
public sealed class CallbackChooser(ApiKeyStore keys, TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, (Lazy<Task<KeyCallback?>> Read, DateTimeOffset Until)> _cache = new();

    /// <summary>The job's callback (null: none), or the message for a 422 on <c>callback_url</c>.</summary>
    public async Task<(JobCallback? Callback, string? Error)> ChooseAsync(ClaimsPrincipal user, string? requested, bool useDefault, CancellationToken ct)
    {
        if (!Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var keyId))
        {
            return string.IsNullOrEmpty(requested) ? (null, null) : (null, "needs a request made with an API key");
        }

        var key = await SettingsAsync(keyId).WaitAsync(ct);
        if (!string.IsNullOrEmpty(requested) && key is not { HasSecret: true })
        {
            Forget(keyId);
            key = await SettingsAsync(keyId).WaitAsync(ct);
        }

        return CallbackRules.Choose(requested, keyId, key, useDefault);
    }

    /// <summary>Drops the cached settings of <paramref name="keyId"/> (they were just changed through this silo).</summary>
    public void Forget(Guid keyId) => _cache.TryRemove(keyId, out _);

    private Task<KeyCallback?> SettingsAsync(Guid keyId)
    {
        var now = time.GetUtcNow();
        var entry = _cache.AddOrUpdate(
            keyId,
            id => Read(id, now),
            (id, cached) => cached.Until > now && !cached.Read.Value.IsFaulted && !cached.Read.Value.IsCanceled ? cached : Read(id, now));
        return entry.Read.Value;
    }

    private (Lazy<Task<KeyCallback?>>, DateTimeOffset) Read(Guid keyId, DateTimeOffset now) =>
        (new Lazy<Task<KeyCallback?>>(() => keys.CallbackAsync(keyId, CancellationToken.None)), now + ApiKeyStore.CacheTime);
}
