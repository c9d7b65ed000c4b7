using System.Xml;
using System.Xml.Linq;
using CatalogHub.Grains.Suppliers;

namespace CatalogHub.Grains.Adapters.PromoStandards;

/// <summary>
/// Streams a Product Data list reply (ProductSellable, ProductDateModified, ProductCloseOut rows) into
/// refs without loading it: de-duplicated by productId in the supplier's order, each keeping the first
/// partId listed for it. Error messages anywhere in the reply win over rows.
/// </summary>
public static class PsListParser
{
    /// <summary>Reads the rows named <paramref name="rowName"/> below the response root <paramref name="reader"/> is on.</summary>
    public static async Task<IReadOnlyList<ProductRef>> ReadAsync(
        XmlReader reader, string operation, string rowName, PsAccount account, CancellationToken ct)
    {
        var names = reader.NameTable;
        var row = names.Add(rowName);
        var productIdName = names.Add("productId");
        var partIdName = names.Add("partId");
        var messageNames = new[] { names.Add("ServiceMessageArray"), names.Add("ErrorMessage"), names.Add("errorMessage") };

        var refs = new List<ProductRef>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var messages = new List<PsMessage>();
        var rootDepth = reader.Depth;
        if (reader.IsEmptyElement)
        {
            return refs;
        }

        await reader.ReadAsync();
        while (!(reader.Depth == rootDepth && reader.NodeType == XmlNodeType.EndElement))
        {
            if (reader.EOF)
            {
                throw PsErrors.Malformed(operation, "the reply ends early");
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                await reader.ReadAsync();
                continue;
            }

            var name = reader.LocalName;
            if ((object)name == row)
            {
                var (productId, partId) = await RowAsync(reader, productIdName, partIdName);
                if (productId is null)
                {
                    throw PsErrors.Malformed(operation, $"a {rowName} without productId");
                }

                if (seen.Add(productId))
                {
                    refs.Add(new ProductRef(productId, partId));
                }
            }
            else if (Array.IndexOf(messageNames, name) >= 0)
            {
                var holder = new XElement("Reply", (XElement)await XNode.ReadFromAsync(reader, ct));
                messages.AddRange(PsErrors.Messages(holder));
            }
            else
            {
                await reader.ReadAsync();
            }

            ct.ThrowIfCancellationRequested();
        }

        return PsErrors.FromMessages(operation, messages, account) is { } error ? throw error : refs;
    }

    /// <summary>Reads one row; leaves the reader after its end tag.</summary>
    private static async Task<(string? ProductId, string? PartId)> RowAsync(XmlReader reader, string productIdName, string partIdName)
    {
        string? productId = null, partId = null;
        if (reader.IsEmptyElement)
        {
            await reader.ReadAsync();
            return (null, null);
        }

        var depth = reader.Depth;
        await reader.ReadAsync();
        while (!(reader.Depth == depth && reader.NodeType == XmlNodeType.EndElement))
        {
            if (reader.EOF)
            {
                throw new XmlException("Unexpected end of the reply inside a row.");
            }

            if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1)
            {
                var name = reader.LocalName;
                if ((object)name == productIdName || (object)name == partIdName)
                {
                    var value = (await reader.ReadElementContentAsStringAsync()).Trim();
                    if ((object)name == productIdName)
                    {
                        productId = value.Length == 0 ? null : value;
                    }
                    else
                    {
                        partId = value.Length == 0 ? null : value;
                    }

                    continue;
                }

                await reader.SkipAsync();
                continue;
            }

            await reader.ReadAsync();
        }

        await reader.ReadAsync();
        return (productId, partId);
    }
}
