using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CatalogHub.Api.Ingest;

/// <summary>
/// Reads a request body of at most <c>maxBytes</c>: a declared Content-Length over the limit is refused before
/// a byte is read, and a body without one is refused as soon as it passes the limit, so an oversized request
/// is never held whole. A declared body is read straight into an array of its size: the array the job keeps is
/// the one the socket filled (a 10,000-entry batch is ≈ 9 MB, on the large object heap, so no copy of it is cheap).
/// </summary>
public static class IngestBodyReader
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            // Our own limit is the one that answers (with the contract's 413 body), not the server's default.
            size.MaxRequestBodySize = null;
        }

        return request.ContentLength is { } length
            ? await ReadDeclaredAsync(request.Body, (int)length, ct)
            : await ReadUndeclaredAsync(request.Body, maxBytes, ct);
    }

    /// <summary>A body of a declared length (the server ends the stream there).</summary>
    private static async Task<byte[]> ReadDeclaredAsync(Stream body, int length, CancellationToken ct)
    {
        var buffer = new byte[length];
        var filled = 0;
        while (filled < length)
        {
            var read = await body.ReadAsync(buffer.AsMemory(filled), ct);
            if (read == 0)
            {
                return buffer[..filled];
            }

            filled += read;
        }

        return buffer;
    }

    /// <summary>A chunked body: grown as it comes, refused once it passes the limit.</summary>
    private static async Task<byte[]?> ReadUndeclaredAsync(Stream body, long maxBytes, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(ChunkBytes);
        while (true)
        {
            var read = await body.ReadAsync(buffer.GetMemory(ChunkBytes), ct);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                return null;
            }
        }
    }
}
