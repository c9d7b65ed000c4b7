using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace CatalogHub.Grains.Outbox.Shopify;

/// <summary>
/// Sends one Admin GraphQL mutation to a shop, paced by <see cref="ShopifyThrottle"/>. A <c>THROTTLED</c> answer waits
/// until the bucket holds the request's cost and sends it again (pacing, never a failed attempt) for up to
/// <see cref="OutboxOptions.ShopifyPaceLimit"/>; 5xx, 429, a timeout or a network error make the shop unavailable (the
/// dispatcher pauses the target, no attempt counted); any other refusal — 401/403/404, GraphQL errors,
/// <c>userErrors</c> — is a failed attempt with Shopify's own message.
/// </summary>
public sealed class ShopifyGraphQlClient(IHttpClientFactory clients, ShopifyThrottle throttle, IOptions<OutboxOptions> options)
{
    public const string ClientName = "outbox-shopify";
    public const string TokenHeader = "X-Shopify-Access-Token";

    /// <summary>Points a request is expected to cost before Shopify has said (a mutation usually costs 10).</summary>
    private const double DefaultCost = 10;

    /// <summary>
    /// The mutation's payload (<c>data.{field}</c>) and, when it was not applied, why. A payload with
    /// <c>userErrors</c> comes with its failure, so a caller can act on the errors' codes.
    /// </summary>
    public async Task<(JsonObject? Payload, DeliveryOutcome.Failed? Failure)> MutateAsync(
        DeliveryTarget target, string field, string query, JsonObject variables, CancellationToken ct)
    {
        if (ShopifyEndpoint.Of(target) is not { } uri)
        {
            return (null, new DeliveryOutcome.Failed($"The target {target.Id} has no valid shop domain or API version", Permanent: true));
        }

        var bucket = throttle.For(uri.Authority);
        var paced = TimeSpan.Zero;
        var body = new JsonObject { ["query"] = query, ["variables"] = variables.DeepClone() }.ToJsonString();
        while (true)
        {
            var wait = bucket.Reserve(DefaultCost);
            if (wait > TimeSpan.Zero)
            {
                paced += wait;
                await Task.Delay(wait, ct);
            }

            var (answer, failure) = await SendAsync(target, uri, body, ct);
            if (failure is not null)
            {
                return (null, failure);
            }

            var cost = Observe(bucket, answer!);
            if (IsThrottled(answer!))
            {
                var until = bucket.UntilAvailable(cost ?? DefaultCost) + TimeSpan.FromMilliseconds(50);
                paced += until;
                if (paced > options.Value.ShopifyPaceLimit)
                {
                    return (null, new DeliveryOutcome.Failed($"{uri.Authority} kept throttling {field} for {paced.TotalSeconds:0} s", Unavailable: true));
                }

                await Task.Delay(until, ct);
                continue;
            }

            return Payload(answer!, field, uri);
        }
    }

    private async Task<(JsonObject? Answer, DeliveryOutcome.Failed? Failure)> SendAsync(DeliveryTarget target, Uri uri, string body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(TokenHeader, target.Secret);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.WebhookTimeout);
        var where = uri.GetLeftPart(UriPartial.Path);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var message = $"{where} answered {(int)response.StatusCode} {response.ReasonPhrase}";
                return (null, response.StatusCode switch
                {
                    HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError =>
                        new DeliveryOutcome.Failed(message, Unavailable: true),
                    HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new DeliveryOutcome.Failed($"{message}: the access token was refused"),
                    _ => new DeliveryOutcome.Failed(message),
                });
            }

            return JsonNode.Parse(text) is JsonObject answer
                ? (answer, null)
                : (null, new DeliveryOutcome.Failed($"{where} answered with something other than a GraphQL response"));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, new DeliveryOutcome.Failed($"{where} did not answer within {options.Value.WebhookTimeout.TotalSeconds:0.#} s", Unavailable: true));
        }
        catch (HttpRequestException e) when (Outbound.OutboundConnector.Refusal(e) is { } refused)
        {
            return (null, new DeliveryOutcome.Failed($"{where} was not called: {refused.Message}", Permanent: true));
        }
        catch (HttpRequestException e)
        {
            return (null, new DeliveryOutcome.Failed($"{where} could not be reached: {e.Message}", Unavailable: true));
        }
        catch (JsonException)
        {
            return (null, new DeliveryOutcome.Failed($"{where} answered with something other than JSON"));
        }
    }

    /// <summary>Takes the bucket the answer reports; the request's cost, when reported.</summary>
    private static double? Observe(ShopBucket bucket, JsonObject answer)
    {
        var cost = answer["extensions"]?["cost"];
        if (cost?["throttleStatus"] is JsonObject status
            && Number(status["maximumAvailable"]) is { } maximum
            && Number(status["currentlyAvailable"]) is { } available
            && Number(status["restoreRate"]) is { } rate)
        {
            bucket.Observe(maximum, available, rate);
        }

        return Number(cost?["requestedQueryCost"]);
    }

    private static bool IsThrottled(JsonObject answer) =>
        answer["errors"] is JsonArray errors && errors.Any(e => e?["extensions"]?["code"]?.GetValue<string>() == "THROTTLED");

    private static (JsonObject? Payload, DeliveryOutcome.Failed? Failure) Payload(JsonObject answer, string field, Uri uri)
    {
        if (answer["errors"] is JsonArray { Count: > 0 } errors)
        {
            return (null, new DeliveryOutcome.Failed($"{field} was refused by {uri.Authority}: {string.Join("; ", errors.Select(e => e?["message"]?.ToString()))}"));
        }

        if (answer["data"]?[field] is not JsonObject payload)
        {
            return (null, new DeliveryOutcome.Failed($"{uri.Authority} answered {field} without its payload"));
        }

        if (payload["userErrors"] is JsonArray { Count: > 0 } userErrors)
        {
            var messages = userErrors.Select(e => e?["field"] is JsonArray path && path.Count > 0
                ? $"{string.Join('.', path.Select(p => p?.ToString()))}: {e["message"]}"
                : e?["message"]?.ToString());
            return (payload, new DeliveryOutcome.Failed($"{field}: {string.Join("; ", messages)}"));
        }

        return (payload, null);
    }

    private static double? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : null;
}

/// <summary>The Admin GraphQL endpoint of a target: <c>https://{shop_domain}/admin/api/{version}/graphql.json</c>.</summary>
public static class ShopifyEndpoint
{
    public static Uri? Of(DeliveryTarget target)
    {
        if (string.IsNullOrWhiteSpace(target.ShopDomain) || string.IsNullOrWhiteSpace(target.ApiVersion))
        {
            return null;
        }

        var root = target.ShopDomain.Contains("://", StringComparison.Ordinal) ? target.ShopDomain : $"https://{target.ShopDomain}";
        return Uri.TryCreate($"{root.TrimEnd('/')}/admin/api/{Uri.EscapeDataString(target.ApiVersion)}/graphql.json", UriKind.Absolute, out var uri) ? uri : null;
    }
}
