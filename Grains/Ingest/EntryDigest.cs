using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CatalogHub.Grains.Ingest;

/// <summary>
/// The digest of a products/POS entry: its kind, its store, its row where the mapping uses it (a POS entry's default
/// title), and its data's JSON text as sent. The mapping from these to a <see cref="PutProduct"/> is a pure function,
/// so an equal digest means an equal command; stored with the product the command wrote, the same entry again at the
/// product's latest version is unchanged: applying a product entry to the state it made gives that state again
/// (<see cref="Rules.ProductReplacement"/> takes the entry whole and keeps from the stored product only what the entry
/// does not own, which that write left as it was). Equal entries written differently (spacing, key order) only miss
/// this shortcut; they are still judged by content.
/// </summary>
public static class EntryDigest
{
    /// <summary>Bump when the mapping or the rules that turn an entry into content change: stored digests then miss once.</summary>
    private const byte RulesVersion = 1;

    public static byte[] Of(IngestKind kind, string storeNumber, int row, JsonElement data)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> head = stackalloc byte[6];
        head[0] = RulesVersion;
        head[1] = (byte)kind;
        BinaryPrimitives.WriteInt32BigEndian(head[2..], kind == IngestKind.Pos ? row : 0);
        sha.AppendData(head);
        sha.AppendData(Encoding.UTF8.GetBytes(storeNumber + "\n"));
        sha.AppendData(data.ValueKind == JsonValueKind.Undefined ? [] : JsonMarshal.GetRawUtf8Value(data));
        return sha.GetHashAndReset();
    }
}
