using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CatalogHub.Api.Limits;

/// <summary>Marks an endpoint that applies its own body limit (ingestion, feed imports) instead of the server's.</summary>
public sealed class OwnBodyLimitMetadata
{
    public static readonly OwnBodyLimitMetadata Instance = new();
}

/// <summary>
/// Refuses a request whose declared body is over the server's limit (<c>Hub:Http:MaxRequestBodyBytes</c>) with a 413
/// that says so, before anything reads it.
/// <para>
/// Without it the body binder meets the limit part-way, the server answers 413 and closes the connection with the rest
/// of the body unread: a client still sending sees its connection reset and never reads the answer (seen in the
/// bad-input suite with a 4 MB body). Here a body up to <see cref="DrainBytes"/> is drained after the answer, as the
/// ingestion endpoints do, so the client reads its 413 and keeps its connection; a larger one still closes it.
/// </para>
/// </summary>
public static class BodyLimit
{
    /// <summary>Oversized declared bodies up to this size are drained after the 413 (Kestrel's own default limit).</summary>
    public const long DrainBytes = 30_000_000;

    /// <summary>Endpoints of this builder read their bodies under their own limit; the server's does not answer for them.</summary>
    public static TBuilder WithOwnBodyLimit<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(OwnBodyLimitMetadata.Instance);

    /// <summary>Answers declared bodies over the server's limit with 413 (after authentication: a stranger gets 401 and no drain).</summary>
    public static IApplicationBuilder UseDeclaredBodyLimit(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (Oversized(http) is { } limit)
        {
            var feature = http.Features.Get<IHttpMaxRequestBodySizeFeature>()!;
            if (http.Request.ContentLength <= DrainBytes)
            {
                feature.MaxRequestBodySize = null;
            }

            await Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, detail: TooLarge(limit)).ExecuteAsync(http);
            return;
        }

        await next(http);
    });

    /// <summary>The 413's detail for a body over <paramref name="limit"/> bytes.</summary>
    public static string TooLarge(long limit) => $"The request body is larger than the {limit} bytes this endpoint accepts.";

    /// <summary>The limit the request's declared length exceeds, or null when it is within it (or the endpoint has its own).</summary>
    public static long? Oversized(HttpContext http) =>
        http.Request.ContentLength is { } length
        && http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false, MaxRequestBodySize: { } limit }
        && length > limit
        && http.GetEndpoint()?.Metadata.GetMetadata<OwnBodyLimitMetadata>() is null
            ? limit
            : null;
}
