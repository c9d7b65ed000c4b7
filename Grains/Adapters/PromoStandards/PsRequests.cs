using System.Globalization;
using System.Text;
using System.Xml;

namespace CatalogHub.Grains.Adapters.PromoStandards;

/// <summary>
/// Builds the request envelopes of promostandards.md §4–§7: SOAP 1.1, the request root in the service
/// namespace (<c>ns:</c>), every child in SharedObjects (<c>shar:</c>), children in XSD order, credentials
/// right after <c>wsVersion</c>.
/// </summary>
public static class PsRequests
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        OmitXmlDeclaration = true,
        Indent = false,
    };

    public static SoapRequest GetProductSellable(PsAccount account, string country, string language, bool sellable) =>
        Build(PsService.ProductData, "getProductSellable", "GetProductSellable", account, w =>
        {
            w.Shared("localizationCountry", country);
            w.Shared("localizationLanguage", language);
            w.Shared("isSellable", sellable ? "true" : "false");
        });

    /// <summary>Changes since <paramref name="since"/>, sent in UTC with an explicit Z and floored to the second.</summary>
    public static SoapRequest GetProductDateModified(PsAccount account, DateTimeOffset since) =>
        Build(PsService.ProductData, "getProductDateModified", "GetProductDateModified", account, w =>
            w.Shared("changeTimeStamp", since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));

    public static SoapRequest GetProductCloseOut(PsAccount account) =>
        Build(PsService.ProductData, "getProductCloseOut", "GetProductCloseOut", account, _ => { });

    public static SoapRequest GetProduct(PsAccount account, string country, string language, string productId) =>
        Build(PsService.ProductData, "getProduct", "GetProduct", account, w =>
        {
            w.Shared("localizationCountry", country);
            w.Shared("localizationLanguage", language);
            w.Shared("productId", productId);
        });

    /// <summary>The blank (undecorated) configuration's prices of every part.</summary>
    public static SoapRequest GetConfigurationAndPricing(PsAccount account, PromoStandardsSettings settings, string productId, string fobId) =>
        Build(PsService.Pricing, "getConfigurationAndPricing", "GetConfigurationAndPricing", account, w =>
        {
            w.Shared("productId", productId);
            w.Shared("currency", settings.Currency);
            w.Shared("fobId", fobId);
            w.Shared("priceType", settings.PriceType);
            w.Shared("localizationCountry", settings.Country);
            w.Shared("localizationLanguage", settings.Language);
            w.Shared("configurationType", "Blank");
        });

    /// <summary>Every image of the product (selection happens locally).</summary>
    public static SoapRequest GetMediaContent(PsAccount account, string productId) =>
        Build(PsService.Media, "getMediaContent", "GetMediaContent", account, w =>
        {
            w.Shared("mediaType", "Image");
            w.Shared("productId", productId);
        });

    public static SoapRequest GetInventoryLevels(PsAccount account, string productId) =>
        Build(PsService.Inventory, "getInventoryLevels", "GetInventoryLevels", account, w => w.Shared("productId", productId));

    private static SoapRequest Build(PsService service, string operation, string element, PsAccount account, Action<RequestWriter> children)
    {
        var ns = PsNamespaces.Service(service);
        var shared = PsNamespaces.Shared(service);
        using var buffer = new MemoryStream(1024);
        using (var xml = XmlWriter.Create(buffer, Settings))
        {
            xml.WriteStartElement("soapenv", "Envelope", PsNamespaces.Envelope);
            xml.WriteStartElement("soapenv", "Body", PsNamespaces.Envelope);
            xml.WriteStartElement("ns", element + "Request", ns);
            xml.WriteAttributeString("xmlns", "shar", null, shared);
            var writer = new RequestWriter(xml, shared);
            writer.Shared("wsVersion", PsNamespaces.WsVersion(service));
            writer.Shared("id", account.Id);
            if (account.Password is not null)
            {
                writer.Shared("password", account.Password);
            }

            children(writer);
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        return new SoapRequest(service, operation, element + "Response", buffer.ToArray());
    }

    private sealed class RequestWriter(XmlWriter xml, string shared)
    {
        public void Shared(string name, string value) => xml.WriteElementString("shar", name, shared, value);
    }
}
