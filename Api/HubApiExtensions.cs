using System.Text.Json;
using CatalogHub.Api.Auth;
using CatalogHub.Api.Categories;
using CatalogHub.Api.Cluster;
using CatalogHub.Api.Customers;
using CatalogHub.Api.Health;
using CatalogHub.Api.Imports;
using CatalogHub.Api.Ingest;
using CatalogHub.Api.Limits;
using CatalogHub.Api.OpenApi;
using CatalogHub.Api.Products;
using CatalogHub.Api.Stores;
using CatalogHub.Api.Suppliers;
using CatalogHub.Api.SyncJobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scalar.AspNetCore;

namespace CatalogHub.Api;

/// <summary>Composition of the HTTP API: services, middleware and endpoints.</summary>
public static class HubApiExtensions
{
    /// <summary>The default of <c>Hub:Http:MaxRequestBodyBytes</c>: 1 MiB.</summary>
    public const long DefaultMaxRequestBodyBytes = 1L << 20;

    /// <summary>Services of the HTTP API. The host registers <c>NpgsqlDataSource</c> and Orleans.</summary>
    public static IServiceCollection AddHubApi(this IServiceCollection services)
    {
        // The largest body of an ordinary endpoint (Kestrel's default is 30 MB, which a JSON parser may buffer whole:
        // 20 clients sending never-ending strings held 150 MB). The ingestion and feed endpoints lift it for their own
        // limits (Hub:Ingest:Limits:MaxPayloadBytes, Hub:Imports:MaxBodyBytes).
        services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>()
            .Configure<Microsoft.Extensions.Configuration.IConfiguration>((kestrel, configuration) =>
                kestrel.Limits.MaxRequestBodySize = Microsoft.Extensions.Configuration.ConfigurationBinder.GetValue(
                    configuration, "Hub:Http:MaxRequestBodyBytes", DefaultMaxRequestBodyBytes));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Extensions["trace_id"] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? c.HttpContext.TraceIdentifier;
            if (c.ProblemDetails.Status == Microsoft.AspNetCore.Http.StatusCodes.Status413PayloadTooLarge && c.ProblemDetails.Detail is null)
            {
                // The body binder answers a body over the server's limit with a bare 413 (it does not throw): say which limit.
                var limit = c.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
                c.ProblemDetails.Detail = limit is { } bytes ? BodyLimit.TooLarge(bytes) : "The request body is too large.";
            }
        });
        services.AddSingleton<CategoryStore>();
        services.AddSingleton<CustomerStore>();
        services.AddSingleton<PushStore>();
        services.AddExceptionHandler<Problems.ProductValidationExceptionHandler>();
        services.AddExceptionHandler<Problems.DatabaseInputExceptionHandler>();
        // Binding failures throw, so BadRequestExceptionHandler can say which value was wrong (otherwise a bare 400).
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<Problems.BadRequestExceptionHandler>();
        services.AddExceptionHandler<Problems.DatabaseUnavailableExceptionHandler>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DictionaryKeyPolicy = null;
        });
        services.AddHttpLogging(o =>
        {
            // Method, path, status and duration only: headers (Authorization, cookies) are never logged.
            o.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath
                | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            o.CombineLogs = true;
        });
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: [HealthEndpoints.ReadyTag]);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHubAuth();
        services.AddIngestLimits();
        services.AddOptions<ProductListOptions>().BindConfiguration("Hub:Products");
        services.AddSingleton<ProductTotals>();
        services.AddSingleton<ProductReader>();
        services.AddSingleton<SupplierReader>();
        services.AddSingleton<SyncJobReader>();
        services.AddSingleton<IngestJobCreator>();
        services.AddSingleton<IngestJobReader>();
        services.AddSingleton<StoreAdminStore>();
        services.AddSingleton<Outbox.DeliveryTargetAdmin>();
        services.AddSingleton<Outbox.OutboxReader>();
        services.AddSingleton<ImportReceiver>();
        services.AddSingleton<ImportReader>();
        services.AddSingleton<CatalogHub.Grains.Callbacks.IJobSummaries, Callbacks.JobSummaries>();
        services.TryAddSingleton<CatalogHub.Grains.Callbacks.JobCallbackWriter>();
        services.AddSingleton<Callbacks.CallbackChooser>();
        services.TryAddKeyedSingleton(CatalogHub.Grains.Imports.ImportOptions.ClockKey, TimeProvider.System);
        services.AddHubOpenApi();
        return services;
    }

    /// <summary>Middleware and endpoints of the HTTP API.</summary>
    public static WebApplication MapHubApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseHttpLogging();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseDeclaredBodyLimit();

        app.MapOpenApi().AllowAnonymous();
        // Fonts from the system: the reference works on closed networks and loads nothing from third parties.
        app.MapScalarApiReference("/docs", o => o.WithTitle("Catalog Hub API").DisableDefaultFonts()).AllowAnonymous();
        app.MapHealthEndpoints();
        app.MapCategoryEndpoints();
        app.MapCustomerEndpoints();
        app.MapApiKeyEndpoints();
        app.MapSignInEndpoints();
        app.MapClusterEndpoints();
        app.MapProductEndpoints();
        app.MapSupplierEndpoints();
        app.MapSyncJobEndpoints();
        app.MapIngestEndpoints();
        app.MapJobEndpoints();
        app.MapImportJobEndpoints();
        app.MapStoreEndpoints();
        Outbox.DeliveryTargetEndpoints.MapDeliveryTargetEndpoints(app);
        Outbox.OutboxEndpoints.MapOutboxEndpoints(app);
        app.MapImportEndpoints();
        return app;
    }
}
