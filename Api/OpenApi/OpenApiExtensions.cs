using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace CatalogHub.Api.OpenApi;

/// <summary>The OpenAPI 3.1 document at <c>/openapi/v1.json</c>, generated from the endpoints.</summary>
public static class OpenApiExtensions
{
    public static IServiceCollection AddHubOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Catalog Hub API",
                    Version = "v1",
                    Description = "Pull, push, feed imports, serving and propagation of one product catalog. " +
                        "Send an API key as `Authorization: Bearer hub_...`.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API key created with POST /api/keys or `keys create`.",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
                return Task.CompletedTask;
            });
        });
}
