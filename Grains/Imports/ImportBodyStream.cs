using Npgsql;

namespace CatalogHub.Grains.Imports;

/// <summary>A read-only stream over an import's stored parts, one part (≤ 1 MiB) in memory at a time.</summary>
internal sealed class ImportBodyStream(NpgsqlDataSource dataSource, long importId) : Stream
{
    private byte[] _part = [];
    private int _offset;
    private int _next;
    private bool _ended;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_offset == _part.Length)
        {
            if (_ended)
            {
                return 0;
            }

            await using var cmd = dataSource.CreateCommand("SELECT data FROM feed_import_parts WHERE import_id = $1 AND part = $2");
            cmd.Parameters.AddWithValue(importId);
            cmd.Parameters.AddWithValue(_next++);
            if (await cmd.ExecuteScalarAsync(cancellationToken) is byte[] data)
            {
                (_part, _offset) = (data, 0);
            }
            else
            {
                _ended = true;
            }
        }

        var n = Math.Min(buffer.Length, _part.Length - _offset);
        _part.AsMemory(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
