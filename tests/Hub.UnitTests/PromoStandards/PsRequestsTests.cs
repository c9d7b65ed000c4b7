using System.Text;
using System.Xml.Linq;
using CatalogHub.Grains.Adapters.PromoStandards;

namespace CatalogHub.UnitTests.PromoStandards;

/// <summary>Requests as promostandards.md §4–§7 spell them: namespaces, wsVersion, children in XSD order.</summary>
public class PsRequestsTests
{
    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly PsAccount Account = new("ACME123", "s3cret");

    private static readonly PromoStandardsSettings Settings = new()
    {
        Endpoints = new Dictionary<PsService, Uri>(),
        PriceType = "Net",
        Currency = "CAD",
        Country = "CA",
        Language = "fr",
    };

    /// <summary>Each request's children in the XSD's sequence (promostandards.md).</summary>
    public static TheoryData<string, string, string, string[], string[]> Requests() => new()
    {
        {
            "GetProductSellableRequest", Replies.Pd, "2.0.0",
            ["wsVersion", "id", "password", "localizationCountry", "localizationLanguage", "productId", "partId", "lineName", "isSellable"],
            ["wsVersion", "id", "password", "localizationCountry", "localizationLanguage", "isSellable"]
        },
        { "GetProductDateModifiedRequest", Replies.Pd, "2.0.0", ["wsVersion", "id", "password", "changeTimeStamp"], ["wsVersion", "id", "password", "changeTimeStamp"] },
        { "GetProductCloseOutRequest", Replies.Pd, "2.0.0", ["wsVersion", "id", "password"], ["wsVersion", "id", "password"] },
        {
            "GetProductRequest", Replies.Pd, "2.0.0",
            ["wsVersion", "id", "password", "localizationCountry", "localizationLanguage", "productId", "partId", "colorName", "ApparelSizeArray"],
            ["wsVersion", "id", "password", "localizationCountry", "localizationLanguage", "productId"]
        },
        {
            "GetConfigurationAndPricingRequest", Replies.Ppc, "1.0.0",
            ["wsVersion", "id", "password", "productId", "partId", "currency", "fobId", "priceType", "localizationCountry", "localizationLanguage", "configurationType"],
            ["wsVersion", "id", "password", "productId", "currency", "fobId", "priceType", "localizationCountry", "localizationLanguage", "configurationType"]
        },
        {
            "GetMediaContentRequest", Replies.Media, "1.1.0",
            ["wsVersion", "id", "password", "cultureName", "mediaType", "productId", "partId", "classType"],
            ["wsVersion", "id", "password", "mediaType", "productId"]
        },
        { "GetInventoryLevelsRequest", Replies.Inv, "2.0.0", ["wsVersion", "id", "password", "productId", "Filter"], ["wsVersion", "id", "password", "productId"] },
    };

    private static SoapRequest Build(string element, PsAccount account) => element switch
    {
        "GetProductSellableRequest" => PsRequests.GetProductSellable(account, "CA", "fr", sellable: true),
        "GetProductDateModifiedRequest" => PsRequests.GetProductDateModified(account, new DateTimeOffset(2024, 5, 1, 2, 0, 0, TimeSpan.FromHours(2))),
        "GetProductCloseOutRequest" => PsRequests.GetProductCloseOut(account),
        "GetProductRequest" => PsRequests.GetProduct(account, "CA", "fr", "TS100"),
        "GetConfigurationAndPricingRequest" => PsRequests.GetConfigurationAndPricing(account, Settings, "TS100", "1"),
        "GetMediaContentRequest" => PsRequests.GetMediaContent(account, "TS100"),
        "GetInventoryLevelsRequest" => PsRequests.GetInventoryLevels(account, "TS100"),
        _ => throw new ArgumentOutOfRangeException(nameof(element)),
    };

    private static XElement Body(SoapRequest request)
    {
        var envelope = XDocument.Parse(Encoding.UTF8.GetString(request.Body.Span)).Root!;
        Assert.Equal(Soap + "Envelope", envelope.Name);
        var body = Assert.Single(envelope.Elements());
        Assert.Equal(Soap + "Body", body.Name);
        return Assert.Single(body.Elements());
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public void RequestsAreQualifiedAndOrderedAsTheSchemaSays(string element, string ns, string wsVersion, string[] schemaOrder, string[] sent)
    {
        var root = Body(Build(element, Account));
        Assert.Equal(XName.Get(element, ns), root.Name);
        Assert.All(root.Elements(), e => Assert.Equal(ns + "SharedObjects/", e.Name.NamespaceName));
        var names = root.Elements().Select(e => e.Name.LocalName).ToArray();
        Assert.Equal(sent, names);
        var positions = names.Select(n => Array.IndexOf(schemaOrder, n)).ToArray();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(wsVersion, root.Elements().First().Value);
        Assert.Equal("ACME123", root.Elements().ElementAt(1).Value);
        Assert.Equal("s3cret", root.Elements().ElementAt(2).Value);
    }

    [Fact]
    public void ValuesFollowTheSettingsAndTheWireFormats()
    {
        var ppc = Body(PsRequests.GetConfigurationAndPricing(Account, Settings, "TS100", "7")).Elements().ToDictionary(e => e.Name.LocalName, e => e.Value);
        Assert.Equal(("CAD", "7", "Net", "CA", "fr", "Blank"), (ppc["currency"], ppc["fobId"], ppc["priceType"], ppc["localizationCountry"], ppc["localizationLanguage"], ppc["configurationType"]));
        var media = Body(PsRequests.GetMediaContent(Account, "TS100")).Elements().ToDictionary(e => e.Name.LocalName, e => e.Value);
        Assert.Equal("Image", media["mediaType"]);
        var sellable = Body(PsRequests.GetProductSellable(Account, "US", "en", sellable: true));
        Assert.Equal("true", sellable.Elements().Last().Value);
    }

    [Fact]
    public void ChangeTimeStampIsUtcWithAnExplicitZFlooredToTheSecond()
    {
        var since = new DateTimeOffset(2024, 5, 1, 2, 0, 0, 999, TimeSpan.FromHours(2));
        var stamp = Body(PsRequests.GetProductDateModified(Account, since)).Elements().Last();
        Assert.Equal("changeTimeStamp", stamp.Name.LocalName);
        Assert.Equal("2024-05-01T00:00:00Z", stamp.Value);
    }

    [Fact]
    public void WithoutAPasswordTheElementIsLeftOut()
    {
        var root = Body(PsRequests.GetProductCloseOut(new PsAccount("ACME123", null)));
        Assert.Equal(["wsVersion", "id"], root.Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public void CredentialsAreEscapedNotInjected()
    {
        var root = Body(PsRequests.GetProductCloseOut(new PsAccount("a<b>&c", "p</shar:password><x>")));
        Assert.Equal("a<b>&c", root.Elements().ElementAt(1).Value);
        Assert.Equal("p</shar:password><x>", root.Elements().ElementAt(2).Value);
        Assert.Equal(3, root.Elements().Count());
    }

    [Theory]
    [InlineData(SoapActionStyle.Operation, "\"getProduct\"")]
    [InlineData(SoapActionStyle.Namespace, "\"http://www.promostandards.org/WSDL/ProductDataService/2.0.0/getProduct\"")]
    [InlineData(SoapActionStyle.Empty, "\"\"")]
    public void SoapActionIsAQuotedStringInTheConfiguredStyle(SoapActionStyle style, string expected) =>
        Assert.Equal(expected, PsRequests.GetProduct(Account, "US", "en", "TS100").SoapAction(style));

    [Fact]
    public void ContentIsUtf8TextXmlAndTheRequestNeverPrintsItsBody()
    {
        var request = PsRequests.GetProduct(Account, "US", "en", "TS100");
        var content = request.Content();
        Assert.Equal("text/xml", content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", content.Headers.ContentType.CharSet);
        Assert.DoesNotContain("s3cret", request.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", Account.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(0xEF, request.Body.Span[0]);
    }
}
