using System.Xml;
using System.Xml.Linq;

namespace CatalogHub.Grains.Adapters.PromoStandards;

/// <summary>
/// Walks a reply stream to the element inside the SOAP Body without loading it: throws the mapped
/// exception for a Fault, and a malformed-reply error for anything that is not the expected response.
/// </summary>
public static class PsEnvelope
{
    public static readonly XmlReaderSettings ReaderSettings = new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
    };

    /// <summary>Positions <paramref name="reader"/> on the response root (e.g. <c>GetProductResponse</c>).</summary>
    public static async Task OpenAsync(XmlReader reader, SoapRequest request, PsAccount account, CancellationToken ct)
    {
        await BodyAsync(reader, request.Operation);
        if (reader.LocalName == "Fault")
        {
            throw PsErrors.FromFault(request.Operation, (XElement)await XNode.ReadFromAsync(reader, ct), account);
        }

        if (reader.LocalName != request.ResponseName)
        {
            throw PsErrors.Malformed(request.Operation, $"expected {request.ResponseName}, got {PsXml.Shorten(reader.LocalName)}");
        }
    }

    /// <summary>The Fault of an error reply (e.g. HTTP 500); null when the reply is not a SOAP Fault.</summary>
    public static async Task<XElement?> FaultAsync(XmlReader reader, string operation, CancellationToken ct)
    {
        try
        {
            await BodyAsync(reader, operation);
            return reader.LocalName == "Fault" ? (XElement)await XNode.ReadFromAsync(reader, ct) : null;
        }
        catch (Exception e) when (e is XmlException or SupplierRejectedException)
        {
            return null;
        }
    }

    /// <summary>Positions <paramref name="reader"/> on the first element inside the SOAP Body.</summary>
    private static async Task BodyAsync(XmlReader reader, string operation)
    {
        await reader.MoveToContentAsync();
        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Envelope")
        {
            throw PsErrors.Malformed(operation, "not a SOAP envelope");
        }

        if (!await FirstChildAsync(reader))
        {
            throw PsErrors.Malformed(operation, "no SOAP Body");
        }

        while (reader.LocalName != "Body")
        {
            if (!await NextSiblingAsync(reader))
            {
                throw PsErrors.Malformed(operation, "no SOAP Body");
            }
        }

        if (!await FirstChildAsync(reader))
        {
            throw PsErrors.Malformed(operation, "empty SOAP Body");
        }
    }

    /// <summary>From a start element to its first child element; false when it has none.</summary>
    public static async Task<bool> FirstChildAsync(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            return false;
        }

        var depth = reader.Depth;
        while (await reader.ReadAsync())
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                return true;
            }

            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>From an element to its next sibling element, skipping the element's content; false at the parent's end.</summary>
    public static async Task<bool> NextSiblingAsync(XmlReader reader)
    {
        var depth = reader.Depth;
        await reader.SkipAsync();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth)
            {
                return true;
            }

            if (reader.Depth < depth)
            {
                return false;
            }

            await reader.ReadAsync();
        }

        return false;
    }
}
