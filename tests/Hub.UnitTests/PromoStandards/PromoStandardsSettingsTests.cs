using System.Text.Json;
using CatalogHub.Grains.Adapters;
using CatalogHub.Grains.Adapters.PromoStandards;
using Microsoft.Extensions.DependencyInjection;

namespace CatalogHub.UnitTests.PromoStandards;

public class PromoStandardsSettingsTests
{
    private const string Endpoints = """
        "endpoints": { "product_data": "https://s.example/pd", "pricing": "https://s.example/ppc", "media": "http://s.example/media", "inventory": "https://s.example/inv" }
        """;

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private static PromoStandardsAdapterFactory Factory() => new ServiceCollection().AddLogging().AddPromoStandardsAdapter()
        .BuildServiceProvider().GetServices<ISupplierAdapterFactory>().OfType<PromoStandardsAdapterFactory>().Single();

    [Fact]
    public void EndpointsAloneAreEnoughAndEverythingElseHasItsDefault()
    {
        var (settings, problems) = PromoStandardsSettings.Parse(Json($"{{ {Endpoints} }}"));
        Assert.Empty(problems);
        Assert.Equal(new Uri("https://s.example/ppc"), settings!.Endpoints[PsService.Pricing]);
        Assert.Equal(("List", "USD", "US", "en", null, 30d, SoapActionStyle.Operation),
            (settings.PriceType, settings.Currency, settings.Country, settings.Language, settings.FobId, settings.Timeout.TotalSeconds, settings.SoapAction));
    }

    [Fact]
    public void EverySettingIsRead()
    {
        var (settings, problems) = PromoStandardsSettings.Parse(Json($$"""
            { {{Endpoints}}, "price_type": "Net", "currency": "CAD", "localization": { "country": "CA", "language": "fr" },
              "fob_id": "2", "timeout_seconds": 2.5, "soap_action": "namespace" }
            """));
        Assert.Empty(problems);
        Assert.Equal(("Net", "CAD", "CA", "fr", "2", 2.5, SoapActionStyle.Namespace),
            (settings!.PriceType, settings.Currency, settings.Country, settings.Language, settings.FobId, settings.Timeout.TotalSeconds, settings.SoapAction));
    }

    [Fact]
    public void EachMistakeIsReportedUnderItsField()
    {
        var problems = Factory().Validate(Json("""
            { "endpoints": { "product_data": "ftp://x", "pricing": "not a url", "media": "https://m" },
              "price_type": "Retail", "currency": "usd", "localization": { "country": "USA", "language": "EN" },
              "fob_id": "", "timeout_seconds": 0, "soap_action": "full", "password": "x", "colour": 1 }
            """));
        Assert.Equal(
            ["colour", "currency", "endpoints.inventory", "endpoints.pricing", "endpoints.product_data", "fob_id", "localization.country",
             "localization.language", "password", "price_type", "soap_action", "timeout_seconds"],
            problems.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("credentials", problems["password"][0]);
        Assert.Contains("endpoints", Factory().Validate(Json("{}")).Keys);
        Assert.Contains("settings", Factory().Validate(Json("[]")).Keys);
    }

    [Fact]
    public void TheFactoryIsNamedPromostandardsAndRegisteredOnceWithTheRegistry()
    {
        var services = new ServiceCollection().AddLogging().AddPromoStandardsAdapter().AddPromoStandardsAdapter().BuildServiceProvider();
        Assert.Single(services.GetServices<ISupplierAdapterFactory>());
        Assert.True(services.GetRequiredService<SupplierAdapterRegistry>().TryGet("promostandards", out var factory));
        Assert.IsType<PromoStandardsAdapterFactory>(factory);
    }

    [Fact]
    public void CreatingWithoutAnAccountIdIsAnAuthErrorAndWithBadSettingsAnArgumentError()
    {
        var settings = Json($"{{ {Endpoints} }}");
        var noId = new SupplierAdapterContext(Guid.NewGuid(), settings, new Dictionary<string, string> { ["password"] = "s3cret" });
        var auth = Assert.Throws<SupplierAuthException>(() => Factory().Create(noId));
        Assert.DoesNotContain("s3cret", auth.Message, StringComparison.Ordinal);
        var bad = new SupplierAdapterContext(Guid.NewGuid(), Json("{}"), new Dictionary<string, string> { ["id"] = "a", ["password"] = "s3cret" });
        var error = Assert.Throws<ArgumentException>(() => Factory().Create(bad));
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
        var adapter = Factory().Create(new SupplierAdapterContext(Guid.NewGuid(), settings, new Dictionary<string, string> { ["id"] = "a" }));
        Assert.Equal(5, adapter.SupportedModes.Count);
    }
}
