using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CatalogHub.Api.Auth;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CatalogHub.IntegrationTests.Reliability;

/// <summary>
/// Every endpoint of the route table (not of the OpenAPI document, which leaves the dashboard out) × every kind of
/// caller, against the expectations in <see cref="Matrix"/>: a route the table does not list fails the test, so a new
/// endpoint cannot ship without someone deciding who may call it.
/// </summary>
public class AuthMatrixTests(ReliabilityHub hub, ITestOutputHelper output) : IClassFixture<ReliabilityHub>
{
    /// <summary>Who may call a route: anyone, a key with this scope (admin includes the others), or no one (closed on purpose).</summary>
    public enum Access { Public, Read, Ingest, Admin, Closed }

    /// <summary>
    /// What a store-restricted key may do: what its scope allows (<see cref="Any"/>), only for the stores it lists when
    /// the store is in the path (<see cref="InPath"/>), or nothing without naming one of its stores (<see cref="Refused"/>).
    /// </summary>
    public enum Stores { Any, InPath, Refused }

    /// <summary>The store in the paths of the requests; the other-store key is restricted to <see cref="OtherStore"/>.</summary>
    private const string Store = "7001";

    private const string OtherStore = "7002";

    /// <summary>
    /// Method + route pattern → who may call it, and whether the route acts for the store in its path (a key
    /// restricted to other stores gets 403 there). Add a new endpoint here: the test names what is missing.
    /// </summary>
    private static readonly Dictionary<string, (Access Access, Stores Stores)> Matrix = new(StringComparer.Ordinal)
    {
        // Public: health, the API description and reference, sign-in.
        ["* /health"] = (Access.Public, Stores.Any),
        ["* /alive"] = (Access.Public, Stores.Any),
        ["GET /openapi/{documentName}.json"] = (Access.Public, Stores.Any),
        ["GET /docs/scalar.js"] = (Access.Public, Stores.Any),
        ["GET /docs/scalar.aspnetcore.js"] = (Access.Public, Stores.Any),
        ["GET /docs/favicon.svg"] = (Access.Public, Stores.Any),
        ["GET /docs/{documentName?}"] = (Access.Public, Stores.Any),
        ["GET /signin"] = (Access.Public, Stores.Any),
        ["POST /signin"] = (Access.Public, Stores.Any),
        ["POST /signout"] = (Access.Public, Stores.Any),

        ["GET /api/categories/"] = (Access.Read, Stores.Any),
        ["GET /api/categories/{id:guid}"] = (Access.Read, Stores.Any),
        ["POST /api/categories/"] = (Access.Admin, Stores.Any),
        ["PATCH /api/categories/{id:guid}"] = (Access.Admin, Stores.Any),
        ["DELETE /api/categories/{id:guid}"] = (Access.Admin, Stores.Any),

        ["POST /api/customers/"] = (Access.Admin, Stores.Any),
        ["GET /api/customers/"] = (Access.Read, Stores.Any),
        ["GET /api/customers/{id:guid}"] = (Access.Read, Stores.Any),
        ["POST /api/customers/{id:guid}/selections"] = (Access.Admin, Stores.Any),
        ["GET /api/customers/{id:guid}/selections"] = (Access.Read, Stores.Any),
        ["POST /api/customers/{id:guid}/push"] = (Access.Admin, Stores.Any),
        ["GET /api/customers/{id:guid}/delivery/"] = (Access.Admin, Stores.Any),
        ["PUT /api/customers/{id:guid}/delivery/"] = (Access.Admin, Stores.Any),
        ["DELETE /api/customers/{id:guid}/delivery/"] = (Access.Admin, Stores.Any),

        ["POST /api/keys/"] = (Access.Admin, Stores.Any),
        ["GET /api/keys/"] = (Access.Admin, Stores.Any),
        ["PUT /api/keys/{id:guid}/limits"] = (Access.Admin, Stores.Any),
        ["PUT /api/keys/{id:guid}/callback"] = (Access.Admin, Stores.Any),
        ["DELETE /api/keys/{id:guid}/callback"] = (Access.Admin, Stores.Any),
        ["DELETE /api/keys/{id:guid}"] = (Access.Admin, Stores.Any),

        ["GET /api/cluster/"] = (Access.Admin, Stores.Any),
        ["POST /api/cluster/probes/{key}"] = (Access.Admin, Stores.Any),
        ["GET /api/cluster/probes/{key}"] = (Access.Admin, Stores.Any),

        ["GET /api/products/"] = (Access.Read, Stores.Any),
        ["GET /api/products/{id}"] = (Access.Read, Stores.Any),
        ["POST /api/products/{id}/archive"] = (Access.Admin, Stores.Any),
        ["POST /api/products/{id}/restore"] = (Access.Admin, Stores.Any),

        ["POST /api/suppliers/"] = (Access.Admin, Stores.Any),
        ["GET /api/suppliers/"] = (Access.Read, Stores.Any),
        ["GET /api/suppliers/{id:guid}"] = (Access.Read, Stores.Any),
        ["PATCH /api/suppliers/{id:guid}"] = (Access.Admin, Stores.Any),
        ["DELETE /api/suppliers/{id:guid}"] = (Access.Admin, Stores.Any),
        ["POST /api/suppliers/{id:guid}/import"] = (Access.Admin, Stores.Any),
        ["GET /api/suppliers/{id:guid}/sync-jobs"] = (Access.Read, Stores.Any),

        ["GET /api/sync-jobs/"] = (Access.Read, Stores.Any),
        ["GET /api/sync-jobs/{id:guid}"] = (Access.Read, Stores.Any),
        ["POST /api/sync-jobs/{id:guid}/retry"] = (Access.Admin, Stores.Any),
        ["POST /api/sync-jobs/{id:guid}/cancel"] = (Access.Admin, Stores.Any),
        ["PATCH /api/sync-jobs/{id:guid}"] = (Access.Admin, Stores.Any),

        ["POST /api/v1/ingest/products/{store_number}"] = (Access.Ingest, Stores.InPath),
        ["POST /api/v1/ingest/pos/{store_number}"] = (Access.Ingest, Stores.InPath),
        ["POST /api/v1/ingest/inventory/{store_number}"] = (Access.Ingest, Stores.InPath),
        ["POST /api/v1/ingest/prices"] = (Access.Ingest, Stores.Any),
        ["GET /api/v1/jobs/{job_id}"] = (Access.Ingest, Stores.Any),
        ["GET /api/v1/jobs/{job_id}/results"] = (Access.Ingest, Stores.Any),
        ["GET /api/v1/jobs/{job_id}/errors"] = (Access.Ingest, Stores.Any),

        ["GET /api/v1/admin/import-jobs/{id}"] = (Access.Admin, Stores.Any),
        ["GET /api/v1/admin/import-jobs/{id}/results"] = (Access.Admin, Stores.Any),
        ["GET /api/v1/admin/import-jobs/{id}/outbox"] = (Access.Admin, Stores.Any),
        ["GET /api/v1/admin/import-jobs/{id}/errors"] = (Access.Admin, Stores.Any),

        ["POST /api/v1/admin/stores/"] = (Access.Admin, Stores.Any),
        ["GET /api/v1/admin/stores/"] = (Access.Admin, Stores.Any),
        ["GET /api/v1/admin/stores/{store_number}"] = (Access.Admin, Stores.InPath),
        ["PATCH /api/v1/admin/stores/{store_number}"] = (Access.Admin, Stores.InPath),
        ["POST /api/v1/admin/stores/{store_number}/locations"] = (Access.Admin, Stores.InPath),
        ["GET /api/v1/admin/stores/{store_number}/locations"] = (Access.Admin, Stores.InPath),
        ["PATCH /api/v1/admin/stores/{store_number}/locations/{location_id}"] = (Access.Admin, Stores.InPath),
        ["GET /api/v1/admin/stores/{store_number}/delivery/"] = (Access.Admin, Stores.InPath),
        ["PUT /api/v1/admin/stores/{store_number}/delivery/"] = (Access.Admin, Stores.InPath),
        ["DELETE /api/v1/admin/stores/{store_number}/delivery/"] = (Access.Admin, Stores.InPath),

        ["GET /api/v1/admin/outbox/"] = (Access.Admin, Stores.Refused),
        ["GET /api/v1/admin/outbox/targets"] = (Access.Admin, Stores.Any),
        ["POST /api/v1/admin/outbox/{id}/retry"] = (Access.Admin, Stores.Any),
        ["POST /api/v1/admin/outbox/retry-failed"] = (Access.Admin, Stores.Refused),

        ["POST /api/v1/catalogs/{catalog}/imports/"] = (Access.Ingest, Stores.InPath),
        ["GET /api/v1/catalogs/{catalog}/imports/"] = (Access.Ingest, Stores.InPath),
        ["GET /api/v1/imports/{id}"] = (Access.Ingest, Stores.Any),
        ["DELETE /api/v1/imports/{id}"] = (Access.Ingest, Stores.Any),
        ["GET /api/v1/imports/{id}/feed"] = (Access.Ingest, Stores.Any),

        // The operator console (docs/console.md): read keys see, admin keys act; keys restricted to stores are refused
        // (its lists span every catalog); the Blazor circuit of its live parts is as closed as its pages. A form post
        // without its antiforgery token is 400 for every signed-in key before any page runs, so POSTs are listed as
        // Read here: that an action needs admin is the page's own check (ConsoleAccess, unit-tested; the browser test
        // shows a read key no buttons).
        ["GET /console"] = (Access.Read, Stores.Refused),
        ["GET /console/feed-imports"] = (Access.Read, Stores.Refused),
        ["GET /console/ingest-jobs"] = (Access.Read, Stores.Refused),
        ["GET /console/ingest-jobs/{Id:long}"] = (Access.Read, Stores.Refused),
        ["GET /console/outbox"] = (Access.Read, Stores.Refused),
        ["GET /console/products"] = (Access.Read, Stores.Refused),
        ["GET /console/products/{Id:guid}"] = (Access.Read, Stores.Refused),
        ["GET /console/suppliers"] = (Access.Read, Stores.Refused),
        ["GET /console/sync-jobs"] = (Access.Read, Stores.Refused),
        ["GET /console/sync-jobs/{Id:guid}"] = (Access.Read, Stores.Refused),
        ["POST /console"] = (Access.Read, Stores.Refused),
        ["POST /console/feed-imports"] = (Access.Read, Stores.Refused),
        ["POST /console/ingest-jobs"] = (Access.Read, Stores.Refused),
        ["POST /console/ingest-jobs/{Id:long}"] = (Access.Read, Stores.Refused),
        ["POST /console/outbox"] = (Access.Read, Stores.Refused),
        ["POST /console/products"] = (Access.Read, Stores.Refused),
        ["POST /console/products/{Id:guid}"] = (Access.Read, Stores.Refused),
        ["POST /console/suppliers"] = (Access.Read, Stores.Refused),
        ["POST /console/sync-jobs"] = (Access.Read, Stores.Refused),
        ["POST /console/sync-jobs/{Id:guid}"] = (Access.Read, Stores.Refused),
        ["GET /console/feed-imports/{id:long}/feed"] = (Access.Read, Stores.Refused),
        ["GET /console/ingest-jobs/{id:long}/failed.csv"] = (Access.Read, Stores.Refused),
        ["GET /console/ingest-jobs/{id:long}/failed.json"] = (Access.Read, Stores.Refused),
        ["* /_blazor"] = (Access.Read, Stores.Refused),
        ["* /_blazor/disconnect/"] = (Access.Read, Stores.Refused),
        ["* /_blazor/initializers/"] = (Access.Read, Stores.Refused),
        ["* /_blazor/negotiate"] = (Access.Read, Stores.Refused),
        ["GET /_framework/opaque-redirect"] = (Access.Read, Stores.Refused),

        // The Orleans dashboard: admin only, page and data alike.
        ["GET /dashboard/"] = (Access.Admin, Stores.Any),
        ["GET /dashboard/index.html"] = (Access.Admin, Stores.Any),
        ["GET /dashboard/favicon.ico"] = (Access.Admin, Stores.Any),
        ["GET /dashboard/index.min.js"] = (Access.Admin, Stores.Any),
        ["GET /dashboard/index.css"] = (Access.Admin, Stores.Any),
        ["GET /dashboard/fonts/{**path}"] = (Access.Admin, Stores.Any),
        ["GET /dashboard/img/{**path}"] = (Access.Admin, Stores.Any),
        ["GET /dashboard/version"] = (Access.Admin, Stores.Any),
        ["GET /dashboard/DashboardCounters"] = (Access.Admin, Stores.Any),
        ["GET /dashboard/ClusterStats"] = (Access.Admin, Stores.Any),
        ["GET /dashboard/Reminders"] = (Access.Admin, Stores.Any),
        ["GET /dashboard/Reminders/{page:int}"] = (Access.Admin, Stores.Any),
        ["GET /dashboard/HistoricalStats/{*path}"] = (Access.Admin, Stores.Any),
        ["GET /dashboard/SiloProperties/{*address}"] = (Access.Admin, Stores.Any),
        ["GET /dashboard/SiloMetadata/{*address}"] = (Access.Admin, Stores.Any),
        ["GET /dashboard/SiloStats/{*address}"] = (Access.Admin, Stores.Any),
        ["GET /dashboard/SiloCounters/{*address}"] = (Access.Admin, Stores.Any),
        ["GET /dashboard/GrainStats/{*grainName}"] = (Access.Admin, Stores.Any),
        ["GET /dashboard/TopGrainMethods"] = (Access.Admin, Stores.Any),
        ["GET /dashboard/GrainState"] = (Access.Admin, Stores.Any),
        ["GET /dashboard/LifecycleStages"] = (Access.Admin, Stores.Any),
        ["GET /dashboard/GrainTypes"] = (Access.Admin, Stores.Any),
        // The log stream is hidden (HideTrace): every log line of the silo would reach the browser.
        ["GET /dashboard/Trace"] = (Access.Closed, Stores.Any),
    };

    /// <summary>Every route of the running hub as "METHOD pattern" ("*" for any method).</summary>
    public static IReadOnlyList<(string Key, string Method, string Pattern)> RoutesOf(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => ($"{m} {e.RoutePattern.RawText}", m, e.RoutePattern.RawText!)))
            .Distinct()
            .ToList();

    [Fact]
    public void EveryRouteOfTheRouteTableIsInTheMatrix()
    {
        var routes = RoutesOf(hub.Services).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var missing = routes.Except(Matrix.Keys).Order().ToList();
        var gone = Matrix.Keys.Except(routes).Order().ToList();
        Assert.True(missing.Count == 0,
            "A new endpoint must be added to the auth matrix (AuthMatrixTests.Matrix) with who may call it:\n  " + string.Join("\n  ", missing));
        Assert.True(gone.Count == 0, "The auth matrix lists routes the hub no longer has:\n  " + string.Join("\n  ", gone));
    }

    [Fact]
    public async Task EveryRouteAnswersEveryCallerAsTheMatrixSays()
    {
        var callers = await CallersAsync();
        using var admin = hub.Client();
        var silo = (await admin.GetFromJsonAsync<JsonElement>("/api/cluster")).GetProperty("answered_by").GetString()!;
        var failures = new List<string>();
        var routes = RoutesOf(hub.Services).Where(r => Matrix.ContainsKey(r.Key)).ToList();
        using var http = hub.Anonymous();
        foreach (var (key, method, pattern) in routes)
        {
            var (access, stores) = Matrix[key];
            foreach (var caller in callers)
            {
                var expected = Expect(caller.Name, access, stores);
                var status = await SendAsync(http, method == "*" ? "GET" : method, PathOf(pattern, silo), caller.Key);
                var ok = expected switch
                {
                    401 => status == 401,
                    403 => status == 403,
                    _ => status is >= 200 and < 500 and not 401 and not 403 and not 429,
                };
                if (!ok)
                {
                    failures.Add($"{key} as {caller.Name}: expected {(expected == 0 ? "not 401/403, < 500" : expected.ToString())}, got {status}");
                }
            }
        }

        output.WriteLine($"auth matrix: {routes.Count} routes × {callers.Count} callers = {routes.Count * callers.Count} requests, {failures.Count} unexpected");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>0: allowed (any answer but 401/403 and no 5xx); else the status the caller must get.</summary>
    private static int Expect(string caller, Access access, Stores stores)
    {
        if (access == Access.Public)
        {
            return 0;
        }

        return caller switch
        {
            "no key" or "bad key" or "revoked key" => 401,
            _ when access == Access.Closed => 403,
            "admin" => 0,
            "other-store admin" => stores == Stores.Any ? 0 : 403,
            "read" => access == Access.Read ? 0 : 403,
            "ingest" => access == Access.Ingest ? 0 : 403,
            _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, null),
        };
    }

    private async Task<List<(string Name, string? Key)>> CallersAsync()
    {
        using var admin = hub.Client();
        async Task<(string Id, string Key)> Create(object body)
        {
            using var response = await admin.PostAsJsonAsync("/api/keys", body);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (json.GetProperty("id").GetString()!, json.GetProperty("key").GetString()!);
        }

        var revoked = await Create(new { name = "matrix revoked", scopes = new[] { Scopes.Admin } });
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/keys/{revoked.Id}")).StatusCode);
        return
        [
            ("no key", null),
            ("bad key", ApiKeySecret.Generate()),
            ("revoked key", revoked.Key),
            ("read", (await Create(new { name = "matrix read", scopes = new[] { Scopes.Read } })).Key),
            ("ingest", (await Create(new { name = "matrix ingest", scopes = new[] { Scopes.Ingest } })).Key),
            ("admin", (await Create(new { name = "matrix admin", scopes = new[] { Scopes.Admin } })).Key),
            ("other-store admin", (await Create(new { name = "matrix other store", scopes = new[] { Scopes.Admin }, store_numbers = new[] { OtherStore } })).Key),
        ];
    }

    /// <summary>The pattern with its parameters filled: the store under test, a catalog of it, else an unknown id.</summary>
    private static string PathOf(string pattern, string silo) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{\*{0,2}(?<name>[a-zA-Z_]+)(?<constraint>[^}]*)\}", m => m.Groups["name"].Value switch
        {
            _ when m.Groups["constraint"].Value is ":long" or ":int" => "999999999",
            "store_number" => Store,
            "catalog" => $"store:{Store}",
            "documentName" => "v1",
            "page" => "1",
            "key" => "matrix-probe",
            // The dashboard's silo pages take a silo address (another value is a 500 inside the dashboard package).
            "path" or "address" => silo,
            "grainName" => "x",
            _ => Guid.NewGuid().ToString(),
        });

    private static async Task<int> SendAsync(HttpClient http, string method, string path, string? key)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (key is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        // Headers only: the dashboard's trace endpoint streams for as long as it is read.
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return (int)response.StatusCode;
    }
}
