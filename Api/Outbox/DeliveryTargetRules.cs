using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CatalogHub.Api.Problems;

namespace CatalogHub.Api.Outbox;

/// <summary>Reads and checks delivery target bodies; pure, so unit tests reach it.</summary>
public static partial class DeliveryTargetRules
{
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 1024;
    private const string ShopifyLocationPrefix = "gid://shopify/Location/";

    /// <summary>A store target body; <paramref name="hasSecret"/>: the target has a secret already (may be left out).</summary>
    public static (DeliveryTargetRequest? Request, List<FieldError> Errors) ParseStore(JsonElement body, bool hasSecret)
    {
        var errors = new List<FieldError>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, [new FieldError("body", "must be a JSON object")]);
        }

        var kind = Text(body, "kind", errors);
        DeliveryTargetRequest? request = null;
        switch (kind)
        {
            case "webhook":
                var (url, secret) = Webhook(body, hasSecret, errors);
                request = new DeliveryTargetRequest(kind, url, secret, null, null, null, new Dictionary<string, long>());
                break;
            case "shopify":
                var domain = Text(body, "shop_domain", errors);
                if (domain is not null && !IsShopDomain(domain))
                {
                    errors.Add(new FieldError("shop_domain", "must be a shop's host name (e.g. example.myshopify.com) or an absolute http(s) URL"));
                }

                var version = Text(body, "api_version", errors);
                if (version is not null && !ApiVersionPattern().IsMatch(version))
                {
                    errors.Add(new FieldError("api_version", "must be a Shopify API version like 2025-10 (or unstable)"));
                }

                var token = Secret(body, "access_token", hasSecret, errors);
                request = new DeliveryTargetRequest(kind, null, token, domain, version, token, Locations(body, errors));
                break;
            case null:
                break;
            default:
                errors.Add(new FieldError("kind", "must be shopify or webhook"));
                break;
        }

        return errors.Count == 0 ? (request, errors) : (null, errors);
    }

    /// <summary>A customer target body (a webhook, and auto_repush).</summary>
    public static (CustomerDeliveryRequest? Request, List<FieldError> Errors) ParseCustomer(JsonElement body, bool hasSecret)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, [new FieldError("body", "must be a JSON object")]);
        }

        var errors = new List<FieldError>();
        var (url, secret) = Webhook(body, hasSecret, errors);
        var autoRepush = false;
        if (body.TryGetProperty("auto_repush", out var flag))
        {
            if (flag.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                autoRepush = flag.GetBoolean();
            }
            else if (flag.ValueKind != JsonValueKind.Null)
            {
                errors.Add(new FieldError("auto_repush", "must be true or false"));
            }
        }

        return errors.Count == 0 ? (new CustomerDeliveryRequest(url!, secret, autoRepush), errors) : (null, errors);
    }

    private static (string? Url, string? Secret) Webhook(JsonElement body, bool hasSecret, List<FieldError> errors)
    {
        var url = Text(body, "url", errors);
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && url.Length <= 2048))
        {
            errors.Add(new FieldError("url", "must be an absolute http or https URL of at most 2048 characters"));
        }

        return (url, Secret(body, "secret", hasSecret, errors));
    }

    private static string? Secret(JsonElement body, string name, bool hasSecret, List<FieldError> errors)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (!hasSecret)
            {
                errors.Add(new FieldError(name, "is required"));
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: >= MinSecretLength and <= MaxSecretLength })
        {
            errors.Add(new FieldError(name, $"must be a string of {MinSecretLength} to {MaxSecretLength} characters"));
            return null;
        }

        return value.GetString();
    }

    private static Dictionary<string, long> Locations(JsonElement body, List<FieldError> errors)
    {
        var locations = new Dictionary<string, long>(StringComparer.Ordinal);
        if (!body.TryGetProperty("location_ids", out var map) || map.ValueKind == JsonValueKind.Null)
        {
            return locations;
        }

        if (map.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError("location_ids", "must be an object of location name → Shopify location id"));
            return locations;
        }

        foreach (var entry in map.EnumerateObject())
        {
            long? id = entry.Value.ValueKind switch
            {
                JsonValueKind.Number when entry.Value.TryGetInt64(out var n) && n > 0 => n,
                JsonValueKind.String when entry.Value.GetString() is { } s && s.StartsWith(ShopifyLocationPrefix, StringComparison.Ordinal)
                    && long.TryParse(s.AsSpan(ShopifyLocationPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var g) && g > 0 => g,
                _ => null,
            };
            if (id is null || entry.Name.Length is 0 or > 255)
            {
                errors.Add(new FieldError($"location_ids.{entry.Name}", $"must be a positive integer or {ShopifyLocationPrefix}N, keyed by a location name"));
            }
            else
            {
                locations[entry.Name] = id.Value;
            }
        }

        return locations;
    }

    private static string? Text(JsonElement body, string name, List<FieldError> errors)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            errors.Add(new FieldError(name, "is required (a non-empty string)"));
            return null;
        }

        return value.GetString()!.Trim();
    }

    private static bool IsShopDomain(string domain) =>
        Uri.TryCreate(domain, UriKind.Absolute, out var uri) ? uri.Scheme is "http" or "https" : Uri.CheckHostName(domain) == UriHostNameType.Dns && domain.Length <= 255;

    [GeneratedRegex(@"^(\d{4}-(0[1-9]|1[0-2])|unstable)$")]
    private static partial Regex ApiVersionPattern();
}
