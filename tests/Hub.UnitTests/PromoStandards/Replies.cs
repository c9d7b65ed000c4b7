using System.Text;
using System.Xml;
using System.Xml.Linq;
using CatalogHub.Grains.Adapters.PromoStandards;

namespace CatalogHub.UnitTests.PromoStandards;

/// <summary>Reply texts as suppliers send them, and the adapter's readers run over them as streams.</summary>
internal static class Replies
{
    public const string Pd = "http://www.promostandards.org/WSDL/ProductDataService/2.0.0/";
    public const string Ppc = "http://www.promostandards.org/WSDL/PricingAndConfiguration/1.0.0/";
    public const string Media = "http://www.promostandards.org/WSDL/MediaService/1.0.0/";
    public const string Inv = "http://www.promostandards.org/WSDL/Inventory/2.0.0/";

    public static readonly PsAccount Account = new("ACME123", "s3cret");

    /// <summary>A SOAP 1.1 envelope around <paramref name="body"/>.</summary>
    public static string Envelope(string body) =>
        $"""<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>{body}</soapenv:Body></soapenv:Envelope>""";

    /// <summary>A response root <c>ns:{name}</c> with SharedObjects as the default namespace.</summary>
    public static string Response(string ns, string name, string content) => Envelope(
        $"""<ns:{name} xmlns:ns="{ns}" xmlns="{ns}SharedObjects/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{content}</ns:{name}>""");

    public static XmlReader Reader(string xml) => XmlReader.Create(new MemoryStream(Encoding.UTF8.GetBytes(xml)), PsEnvelope.ReaderSettings);

    /// <summary>The response root of <paramref name="xml"/> as the client loads it for <paramref name="request"/>.</summary>
    public static async Task<XElement> RootAsync(string xml, SoapRequest request)
    {
        using var reader = Reader(xml);
        await PsEnvelope.OpenAsync(reader, request, Account, CancellationToken.None);
        return (XElement)await XNode.ReadFromAsync(reader, CancellationToken.None);
    }
}
