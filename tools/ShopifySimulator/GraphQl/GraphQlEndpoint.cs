using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CatalogHub.ShopifySimulator.Knobs;
using CatalogHub.ShopifySimulator.Mutations;

namespace CatalogHub.ShopifySimulator.GraphQl;

/// <summary>
/// <c>POST /admin/api/{version}/graphql.json</c>, in Shopify's order: 503 when unavailable, latency, 401 without
/// the access token, 404 for a malformed version, 400 for a body that is not <c>{"query", "variables"}</c>; then
/// the mutation is identified, its cost charged to the bucket (or the request throttled, HTTP 200 with a
/// <c>THROTTLED</c> error and nothing applied) and run. Every GraphQL answer carries <c>extensions.cost</c>.
/// </summary>
public static partial class GraphQlEndpoint
{
    public const string Route = "/admin/api/{version}/graphql.json";

    private const string TokenHeader = "X-Shopify-Access-Token";

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task HandleAsync(HttpContext http, string version, ShopifyControl control, RequestCounters counters)
    {
        counters.Request();
        var knobs = control.Knobs;
        var ct = http.RequestAborted;
        if (knobs.Unavailable)
        {
            counters.Unavail();
            await WriteAsync(http, StatusCodes.Status503ServiceUnavailable, new JsonObject { ["errors"] = "Service Unavailable" }, ct);
            return;
        }

        if (knobs.LatencyMs > 0)
        {
            await Task.Delay(knobs.LatencyMs, ct);
        }

        if (http.Request.Headers[TokenHeader].ToString() != knobs.AccessToken)
        {
            counters.Unauthorize();
            await WriteAsync(http, StatusCodes.Status401Unauthorized,
                new JsonObject { ["errors"] = "[API] Invalid API key or access token (unrecognized login or wrong password)" }, ct);
            return;
        }

        if (!VersionPattern().IsMatch(version))
        {
            await WriteAsync(http, StatusCodes.Status404NotFound, new JsonObject { ["errors"] = "Not Found" }, ct);
            return;
        }

        var (query, variables) = await ReadBodyAsync(http, ct);
        if (query is null)
        {
            await WriteAsync(http, StatusCodes.Status400BadRequest, new JsonObject { ["errors"] = new JsonObject { ["query"] = "Required parameter missing or invalid" } }, ct);
            return;
        }

        await WriteAsync(http, StatusCodes.Status200OK, Answer(query, variables, control, knobs, counters), ct);
    }

    private static JsonObject Answer(string query, JsonObject? variables, ShopifyControl control, ShopifyKnobs knobs, RequestCounters counters)
    {
        GraphQlOperation operation;
        IShopifyMutation? mutation;
        try
        {
            operation = GraphQlDocument.Parse(query);
            if (operation.Type != "mutation")
            {
                throw new GraphQlRequestException($"The simulator answers mutations only, not a {operation.Type}", "UNSUPPORTED");
            }

            mutation = ShopifyMutations.All.GetValueOrDefault(operation.Field)
                ?? throw new GraphQlRequestException($"Field '{operation.Field}' doesn't exist on type 'Mutation'", "undefinedField");
        }
        catch (GraphQlRequestException e)
        {
            return Errors(e.Message, e.Code, Cost(0, 0, control.Bucket.Peek()));
        }

        var cost = knobs.MutationCost;
        var (admitted, status) = control.Bucket.TryCharge(cost);
        if (!admitted)
        {
            counters.Throttle();
            var throttled = Errors("Throttled", "THROTTLED", Cost(cost, null, status));
            ((JsonObject)throttled["errors"]![0]!["extensions"]!)["documentation"] = "https://shopify.dev/api/usage/rate-limits";
            return throttled;
        }

        counters.Charged(status.CurrentlyAvailable);
        counters.Execute(mutation.Name);
        try
        {
            var payload = mutation.Execute(operation.Resolve(variables), control.Shop, knobs);
            return new JsonObject
            {
                ["data"] = new JsonObject { [operation.ResponseKey] = payload },
                ["extensions"] = new JsonObject { ["cost"] = Cost(cost, cost, status) },
            };
        }
        catch (GraphQlRequestException e)
        {
            return Errors(e.Message, e.Code, Cost(cost, cost, status));
        }
    }

    private static async Task<(string? Query, JsonObject? Variables)> ReadBodyAsync(HttpContext http, CancellationToken ct)
    {
        try
        {
            var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: ct);
            return body is JsonObject { } o && o["query"] is JsonValue q && q.GetValueKind() == JsonValueKind.String
                ? (q.GetValue<string>(), o["variables"] as JsonObject)
                : (null, null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static JsonObject Errors(string message, string code, JsonObject cost) => new()
    {
        ["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["extensions"] = new JsonObject { ["code"] = code } }),
        ["extensions"] = new JsonObject { ["cost"] = cost },
    };

    private static JsonObject Cost(int requested, int? actual, ThrottleStatus status) => new()
    {
        ["requestedQueryCost"] = requested,
        ["actualQueryCost"] = actual,
        ["throttleStatus"] = new JsonObject
        {
            ["maximumAvailable"] = status.MaximumAvailable,
            ["currentlyAvailable"] = Math.Floor(status.CurrentlyAvailable),
            ["restoreRate"] = status.RestoreRate,
        },
    };

    private static async Task WriteAsync(HttpContext http, int status, JsonObject body, CancellationToken ct)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(body.ToJsonString(Json), ct);
    }

    [GeneratedRegex(@"^(\d{4}-(01|04|07|10)|unstable)$")]
    private static partial Regex VersionPattern();
}
