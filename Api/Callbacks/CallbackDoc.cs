namespace CatalogHub.Api.Callbacks;

/// <summary>The OpenAPI text of the <c>callback_url</c> query parameter, the same on every endpoint that starts a job.</summary>
public static class CallbackDoc
{
    public const string Parameter =
        "Absolute http(s) URL the job's summary is POSTed to when it ends (signed X-Hub-Signature-256 with the calling key's callback secret; "
        + "422 when the key has none). Default: the calling key's callback_url; none when neither.";
}
