namespace RxLog.Sources;

/// <summary>A read-only pass-through that counts the bytes read and remembers the last four, so the end of a gzip
/// stream can be checked against its trailer after .NET's decompressor has read it.</summary>
internal sealed class TailWatchingStream(Stream inner) : ReadOnlyStream
{
    private readonly byte[] _tail = new byte[4];

    public long Total { get; private set; }

    /// <summary>The last four bytes read as a little-endian number (gzip's ISIZE when they were its trailer).</summary>
    public uint LastFourLittleEndian => (uint)(_tail[0] | _tail[1] << 8 | _tail[2] << 16 | _tail[3] << 24);

    public byte? LastByte => Total == 0 ? null : _tail[3];

    public override int Read(Span<byte> buffer)
    {
        int read = inner.Read(buffer);
        if (read >= 4)
        {
            buffer.Slice(read - 4, 4).CopyTo(_tail);
        }
        else if (read > 0)
        {
            _tail.AsSpan(read).CopyTo(_tail);                 // shift left by `read`
            buffer[..read].CopyTo(_tail.AsSpan(4 - read));
        }
        Total += read;
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
