using CatalogHub.Api.Auth;
using CatalogHub.Grains.Callbacks;

namespace CatalogHub.Api.Callbacks;

/// <summary>
/// Checks callback URLs and secrets, and picks the callback of a job from its request and the calling key; pure, so
/// unit tests reach it.
/// </summary>
public static class CallbackRules
{
    public const string UrlField = "callback_url";
    public const string SecretField = "callback_secret";
    public const int MaxUrlLength = 2048;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 1024;

    /// <summary>Why <paramref name="url"/> cannot be a callback URL, or null when it can: absolute http(s), at most 2048 characters.</summary>
    public static string? UrlProblem(string url) =>
        url.Length <= MaxUrlLength && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !string.IsNullOrEmpty(uri.Host)
            ? null
            : $"must be an absolute http or https URL of at most {MaxUrlLength} characters";

    /// <summary>Why <paramref name="secret"/> cannot sign callbacks, or null when it can: 16 to 1024 characters.</summary>
    public static string? SecretProblem(string secret) =>
        secret.Length is >= MinSecretLength and <= MaxSecretLength ? null : $"must be {MinSecretLength} to {MaxSecretLength} characters";

    /// <summary>
    /// Field → messages for a key's callback settings; <paramref name="hasSecret"/>: the key has a secret already, so a
    /// URL may come without one.
    /// </summary>
    public static Dictionary<string, string[]> Validate(string? url, string? secret, bool hasSecret)
    {
        var errors = new Dictionary<string, string[]>();
        if (url is not null && UrlProblem(url) is { } urlProblem)
        {
            errors[UrlField] = [urlProblem];
        }

        if (secret is not null && SecretProblem(secret) is { } secretProblem)
        {
            errors[SecretField] = [secretProblem];
        }
        else if (secret is null && url is not null && !hasSecret)
        {
            errors[SecretField] = ["is required with a callback_url: callbacks are signed with it"];
        }

        return errors;
    }

    /// <summary>
    /// The callback of a job: the URL asked for (<paramref name="requested"/>; empty: not given), else the key's default
    /// when <paramref name="useDefault"/>; none when neither. An error message (for <see cref="UrlField"/>) when the URL
    /// is not valid or the key has no secret to sign with.
    /// </summary>
    public static (JobCallback? Callback, string? Error) Choose(string? requested, Guid keyId, KeyCallback? key, bool useDefault = true)
    {
        if (!string.IsNullOrEmpty(requested))
        {
            if (UrlProblem(requested) is { } problem)
            {
                return (null, problem);
            }

            return key is { HasSecret: true }
                ? (new JobCallback(requested, keyId), null)
                : (null, "needs the API key to have a callback secret first (PUT /api/keys/{id}/callback with callback_secret); callbacks are signed with it");
        }

        return useDefault && key is { Url: { } url, HasSecret: true } ? (new JobCallback(url, keyId), null) : (null, null);
    }
}
