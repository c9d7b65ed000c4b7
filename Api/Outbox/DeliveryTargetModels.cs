using System.Text.Json.Serialization;

namespace CatalogHub.Api.Outbox;

/// <summary>
/// Body of <c>PUT /api/v1/admin/stores/{store_number}/delivery</c>: <c>kind</c> <c>shopify</c> (shop_domain,
/// api_version, access_token, location_ids: hub location name → Shopify location id) or <c>webhook</c> (url, secret).
/// The secret may be left out when the target has one already (it is kept).
/// </summary>
public sealed record DeliveryTargetRequest(
    string Kind,
    string? Url,
    string? Secret,
    string? ShopDomain,
    string? ApiVersion,
    string? AccessToken,
    IReadOnlyDictionary<string, long> LocationIds);

/// <summary>
/// A target's configuration as the API shows it: the secret is never returned, only whether one is set. Fields of the
/// other kind of target are left out (a store target has no <c>auto_repush</c>, a webhook no <c>shop_domain</c>).
/// </summary>
public sealed record DeliveryTargetView(
    string Target,
    string Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ShopDomain,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ApiVersion,
    IReadOnlyDictionary<string, long> LocationIds,
    string Secret,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? AutoRepush,
    DateTimeOffset? DisabledAt,
    string? DisabledReason,
    DateTimeOffset UpdatedAt);

/// <summary>Body of <c>PUT /api/customers/{id}/delivery</c>: the customer's storefront webhook and whether changes re-push.</summary>
public sealed record CustomerDeliveryRequest(string Url, string? Secret, bool AutoRepush);
