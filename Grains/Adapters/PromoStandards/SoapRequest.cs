using System.Net.Http.Headers;

namespace CatalogHub.Grains.Adapters.PromoStandards;

/// <summary>
/// One request ready to send: its service, operation (<c>getProduct</c>), the reply's root element name and
/// the UTF-8 envelope. The body holds the password: never log it.
/// </summary>
public sealed class SoapRequest(PsService service, string operation, string responseName, byte[] body)
{
    public PsService Service { get; } = service;

    public string Operation { get; } = operation;

    public string ResponseName { get; } = responseName;

    /// <summary>The envelope bytes (UTF-8, no BOM).</summary>
    public ReadOnlyMemory<byte> Body { get; } = body;

    public string SoapAction(SoapActionStyle style) => style switch
    {
        SoapActionStyle.Namespace => $"\"{PsNamespaces.Service(Service)}{Operation}\"",
        SoapActionStyle.Empty => "\"\"",
        _ => $"\"{Operation}\"",
    };

    public HttpContent Content()
    {
        var content = new ReadOnlyMemoryContent(Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        return content;
    }

    public override string ToString() => $"SoapRequest({Operation})";
}
