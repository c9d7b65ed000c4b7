using Microsoft.AspNetCore.Http;

namespace CatalogHub.Api.Ingest;

/// <summary>The size limits of one request of the calling key (seed 002: 10 MB, 10,000 entries).</summary>
public sealed record IngestRequestLimits(long MaxPayloadBytes, int MaxEntriesPerRequest)
{
    public static readonly IngestRequestLimits Default = new(10L * 1024 * 1024, 10_000);

    public static IngestRequestLimits Of(HttpContext http) => Default;
}
