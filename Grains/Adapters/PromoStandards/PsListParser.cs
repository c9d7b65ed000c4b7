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

        // One flat loop (no call per row): rows are most of a reply, and a catalog lists hundreds of thousands.
        var rowDepth = -1;
        string? productId = null, partId = null;
        await reader.ReadAsync();
        while (!(reader.Depth == rootDepth && reader.NodeType == XmlNodeType.EndElement))
        {
            if (reader.EOF)
            {
                throw PsErrors.Malformed(operation, "the reply ends early");
            }

            if (reader.NodeType == XmlNodeType.Element)
            {
                var name = reader.LocalName;
                if (rowDepth >= 0 && reader.Depth == rowDepth + 1 && ((object)name == productIdName || (object)name == partIdName))
                {
                    if ((object)name == productIdName)
                    {
                        productId = NullIfEmpty((await reader.ReadElementContentAsStringAsync()).Trim());
                    }
                    else if (productId is null || !seen.Contains(productId))
                    {
                        partId = NullIfEmpty((await reader.ReadElementContentAsStringAsync()).Trim());
                    }
                    else
                    {
                        await reader.SkipAsync(); // a further part of a product already listed
                    }

                    continue;
                }

                if ((object)name == row)
                {
                    (rowDepth, productId, partId) = (reader.Depth, null, null);
                    if (reader.IsEmptyElement)
                    {
                        throw PsErrors.Malformed(operation, $"a {rowName} without productId");
                    }
                }
                else if (Array.IndexOf(messageNames, name) >= 0)
                {
                    var holder = new XElement("Reply", (XElement)await XNode.ReadFromAsync(reader, ct));
                    messages.AddRange(PsErrors.Messages(holder));
                    continue;
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == rowDepth)
            {
                if (productId is null)
                {
                    throw PsErrors.Malformed(operation, $"a {rowName} without productId");
                }

                if (seen.Add(productId))
                {
                    refs.Add(new ProductRef(productId, partId));
                }

                rowDepth = -1;
            }

            await reader.ReadAsync();
        }

        return PsErrors.FromMessages(operation, messages, account) is { } error ? throw error : refs;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
