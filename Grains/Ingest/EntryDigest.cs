using System.Security.Cryptography;
using System.Text.Json;
using CatalogHub.Grains.Catalog;

namespace CatalogHub.Grains.Ingest;

/// <summary>
/// The digest of a products/POS entry as the hub made it (<see cref="PutProduct.Product"/>), stored with the product it
/// wrote. The same digest at the product's latest version means the same entry again: applying it to the state it
/// made gives that state again (<see cref="Rules.ProductReplacement"/> takes the entry whole and keeps from the stored
/// product only what the entry does not own, which that write left as it was), so it is unchanged without reading
/// the product back.
/// </summary>
public static class EntryDigest
{
    /// <summary>Bump when the rules that turn a <see cref="PutProduct"/> into content change: stored digests then miss once.</summary>
    private const byte RulesVersion = 1;

    public static byte[] Of(PutProduct command)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(command.Product, ProductContent.Json);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([RulesVersion]);
        sha.AppendData(json);
        return sha.GetHashAndReset();
    }
}
