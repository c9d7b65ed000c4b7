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
            if (request.ContentLength <= Limits.BodyLimit.DrainBytes && request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } drain)
            {
                // Not read, but drained by the server after the 413, so a client that sends its whole body before reading
                // the answer still gets it; beyond DrainBytes the server closes the connection instead.
                drain.MaxRequestBodySize = null;
            }

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

    /// <summary>
    /// A chunked body: read into pooled 64 KiB segments, refused (segments back to the pool) once it passes the limit,
    /// copied once into an array of its size when it ends. A growing array would double and copy as it goes: a refused
    /// 10 MB body cost ~30 MB of garbage, which 20 clients turned into 100 MB of resident memory.
    /// </summary>
    private static async Task<byte[]?> ReadUndeclaredAsync(Stream body, long maxBytes, CancellationToken ct)
    {
        var segments = new List<byte[]>();
        var lastFilled = ChunkBytes;
        long total = 0;
        try
        {
            while (true)
            {
                if (lastFilled == ChunkBytes)
                {
                    segments.Add(ArrayPool<byte>.Shared.Rent(ChunkBytes));
                    lastFilled = 0;
                }

                var read = await body.ReadAsync(segments[^1].AsMemory(lastFilled, ChunkBytes - lastFilled), ct);
                if (read == 0)
                {
                    var whole = new byte[total];
                    for (var i = 0; i < segments.Count; i++)
                    {
                        var length = i == segments.Count - 1 ? lastFilled : ChunkBytes;
                        segments[i].AsSpan(0, length).CopyTo(whole.AsSpan(i * ChunkBytes));
                    }

                    return whole;
                }

                lastFilled += read;
                total += read;
                if (total > maxBytes)
                {
                    return null;
                }
            }
        }
        finally
        {
            foreach (var segment in segments)
            {
                ArrayPool<byte>.Shared.Return(segment);
            }
        }
    }
}
