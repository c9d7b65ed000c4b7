using CatalogHub.Api.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CatalogHub.Api.Limits;

/// <summary>Registration of the ingestion limits, and the filter that counts an endpoint's requests.</summary>
public static class LimitsExtensions
{
    public static IServiceCollection AddIngestLimits(this IServiceCollection services)
    {
        services.AddOptions<IngestLimitsOptions>().BindConfiguration(IngestLimitsOptions.Section)
            .Validate(o => o.IsValid, $"{IngestLimitsOptions.Section}: RequestsPerMinute, EntriesPerMinute, MaxPayloadBytes and MaxEntriesPerRequest must be positive.")
            .ValidateOnStart();
        services.AddSingleton<IngestLimiter>();
        return services;
    }

    /// <summary>
    /// Counts every request of these endpoints against the key's requests per minute (seed 002: GET routes may answer
    /// 429 too), after authorization and before the handler reads the body. Endpoints that count themselves with
    /// <see cref="IngestLimiter.AcquireRequestAsync"/> must not use it as well.
    /// </summary>
    public static TBuilder RequireRequestLimit<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var limiter = context.HttpContext.RequestServices.GetRequiredService<IngestLimiter>();
            return await limiter.AcquireRequestAsync(context.HttpContext) ?? await next(context);
        });
        builder.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status429TooManyRequests, typeof(RateLimitErrorResponse), ["application/json"]));
        return builder;
    }
}
