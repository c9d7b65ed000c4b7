using System.Text.Json;
using CatalogHub.Api.Outbox;

namespace CatalogHub.UnitTests.Outbox;

public class DeliveryTargetRulesTests
{
    private static (DeliveryTargetRequest? Request, string[] Fields) Store(string json, bool hasSecret = false)
    {
        using var doc = JsonDocument.Parse(json);
        var (request, errors) = DeliveryTargetRules.ParseStore(doc.RootElement.Clone(), hasSecret);
        return (request, [.. errors.Select(e => e.Field).Order()]);
    }

    [Fact]
    public void AShopifyTargetTakesADomainAVersionATokenAndLocationsAsNumbersOrGids()
    {
        var (request, fields) = Store("""
            {"kind": "shopify", "shop_domain": "example.myshopify.com", "api_version": "2025-10",
             "access_token": "shpat_0123456789abcdef", "location_ids": {"Main": 5, "S1/Annex": "gid://shopify/Location/6"}}
            """);
        Assert.Empty(fields);
        Assert.Equal(new Dictionary<string, long> { ["Main"] = 5, ["S1/Annex"] = 6 }, request!.LocationIds);
    }

    [Theory]
    [InlineData("""{"kind": "ftp"}""", "kind")]
    [InlineData("""{"kind": "shopify", "shop_domain": "not a host", "api_version": "2025-10", "access_token": "shpat_0123456789abcdef"}""", "shop_domain")]
    [InlineData("""{"kind": "shopify", "shop_domain": "a.myshopify.com", "api_version": "2025-13", "access_token": "shpat_0123456789abcdef"}""", "api_version")]
    [InlineData("""{"kind": "shopify", "shop_domain": "a.myshopify.com", "api_version": "2025-10", "access_token": "short"}""", "access_token")]
    [InlineData("""{"kind": "shopify", "shop_domain": "a.myshopify.com", "api_version": "2025-10", "access_token": "shpat_0123456789abcdef", "location_ids": {"Main": -1}}""", "location_ids.Main")]
    [InlineData("""{"kind": "webhook", "url": "ftp://x/y", "secret": "0123456789abcdef"}""", "url")]
    [InlineData("""{"kind": "webhook", "url": "https://x/y"}""", "secret")]
    public void EachBadFieldIsNamed(string json, string field) => Assert.Contains(field, Store(json).Fields);

    [Fact]
    public void ASecretMayBeLeftOutWhenTheTargetHasOneAlready()
    {
        Assert.Empty(Store("""{"kind": "webhook", "url": "https://x/y"}""", hasSecret: true).Fields);
        Assert.Equal(["body"], Store("[]").Fields);
    }
}
