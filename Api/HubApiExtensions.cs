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
    /// <summary>Services of the HTTP API. The host registers <c>NpgsqlDataSource</c> and Orleans.</summary>
    public static IServiceCollection AddHubApi(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions["trace_id"] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? c.HttpContext.TraceIdentifier);
        services.AddSingleton<CategoryStore>();
        services.AddSingleton<CustomerStore>();
        services.AddSingleton<PushStore>();
        services.AddExceptionHandler<Problems.ProductValidationExceptionHandler>();
        services.AddExceptionHandler<Problems.DatabaseInputExceptionHandler>();
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
