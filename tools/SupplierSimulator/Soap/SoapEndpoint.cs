using System.Text;
using System.Xml;
using System.Xml.Linq;
using CatalogHub.SupplierSimulator.Knobs;

namespace CatalogHub.SupplierSimulator.Soap;

/// <summary>
/// Serves one service at its path: reads the SOAP 1.1 envelope, dispatches on the body's root element
/// (SOAPAction is ignored), and answers HTTP 200 with the operation's response — its error element for
/// business errors — or, for requests that are not SOAP at all or name an unknown operation, a SOAP Fault.
/// </summary>
public static class SoapEndpoint
{
    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = 1_000_000,
    };

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Async = true,
        Encoding = new UTF8Encoding(false),
        Indent = false,
    };

    public static async Task HandleAsync(HttpContext http, SoapService service, SimulatorControl control)
    {
        var ct = http.RequestAborted;
        XElement? request;
        try
        {
            using var reader = XmlReader.Create(http.Request.Body, ReaderSettings);
            var document = await XDocument.LoadAsync(reader, LoadOptions.None, ct);
            var envelope = document.Root!;
            if (envelope.Name.LocalName != "Envelope" || envelope.Name.NamespaceName != PsNamespaces.Envelope)
            {
                await FaultAsync(http, envelope.Name.LocalName == "Envelope" ? "VersionMismatch" : "Client", "Expected a SOAP 1.1 Envelope");
                return;
            }

            var children = envelope.Element(XName.Get("Body", PsNamespaces.Envelope))?.Elements().ToList() ?? [];
            request = children.Count == 1 ? children[0] : null;
        }
        catch (XmlException e)
        {
            await FaultAsync(http, "Client", $"Malformed request XML: {e.Message}");
            return;
        }

        if (request is null)
        {
            await FaultAsync(http, "Client", "The SOAP Body must hold exactly one request element");
            return;
        }

        var operation = service.Operation(request.Name.LocalName);
        if (operation is null)
        {
            await FaultAsync(http, "Client", $"Unknown operation {request.Name.LocalName} at {service.Path}");
            return;
        }

        var (fields, error) = RequestValidator.Validate(service, operation, request, control.Options, control.Knobs);
        var reply = error ?? operation.Handle(new SoapCall(service, fields, control.Catalog));
        await WriteAsync(http, service, operation, reply);
    }

    private static async Task WriteAsync(HttpContext http, SoapService service, SoapOperation operation, SoapReply reply)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/xml; charset=utf-8";
        await using var xml = XmlWriter.Create(http.Response.Body, WriterSettings);
        await xml.WriteStartElementAsync("soapenv", "Envelope", PsNamespaces.Envelope);
        await xml.WriteStartElementAsync("soapenv", "Body", PsNamespaces.Envelope);
        await xml.WriteStartElementAsync("ns", operation.ResponseName, service.Namespace);
        await xml.WriteAttributeStringAsync(null, "xmlns", "http://www.w3.org/2000/xmlns/", service.SharedNamespace);
        await xml.WriteAttributeStringAsync("xmlns", "xsi", null, PsNamespaces.Xsi);
        var writer = new SoapWriter(xml, service);
        switch (reply)
        {
            case SoapReply.Content content:
                await content.Write(writer);
                break;
            case SoapReply.Failure failure:
                await WriteErrorAsync(writer, service.Errors, failure);
                break;
        }

        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
        await xml.FlushAsync();
    }

    private static async Task WriteErrorAsync(SoapWriter writer, ErrorStyle style, SoapReply.Failure failure)
    {
        if (style == ErrorStyle.ServiceMessageArray)
        {
            await writer.OpenShared("ServiceMessageArray");
            await writer.OpenShared("ServiceMessage");
        }
        else
        {
            await writer.OpenShared(style == ErrorStyle.ErrorMessage ? "ErrorMessage" : "errorMessage");
        }

        await writer.Shared("code", Wire.Number(failure.Code));
        await writer.Shared("description", failure.Description);
        if (style == ErrorStyle.ServiceMessageArray)
        {
            await writer.Shared("severity", "Error");
            await writer.Close();
        }

        await writer.Close();
    }

    /// <summary>A SOAP 1.1 Fault (HTTP 500), only for requests no operation can answer.</summary>
    public static async Task FaultAsync(HttpContext http, string code, string message)
    {
        http.Response.StatusCode = StatusCodes.Status500InternalServerError;
        http.Response.ContentType = "text/xml; charset=utf-8";
        var fault = new XElement(XName.Get("Envelope", PsNamespaces.Envelope),
            new XAttribute(XNamespace.Xmlns + "soapenv", PsNamespaces.Envelope),
            new XElement(XName.Get("Body", PsNamespaces.Envelope),
                new XElement(XName.Get("Fault", PsNamespaces.Envelope),
                    new XElement("faultcode", $"soapenv:{code}"),
                    new XElement("faultstring", message))));
        await http.Response.WriteAsync(fault.ToString(SaveOptions.DisableFormatting), http.RequestAborted);
    }
}
