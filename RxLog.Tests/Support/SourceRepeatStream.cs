namespace RxLog.Tests.Support;

/// <summary>A read-only stream of <paramref name="length"/> copies of one byte, then <paramref name="tail"/>, generated
/// as it is read: a 100 MB line without allocating 100 MB.</summary>
internal sealed class SourceRepeatStream(byte value, long length, byte[] tail) : RxLog.Sources.ReadOnlyStream
{
    private long _position;

    public override int Read(Span<byte> buffer)
    {
        long total = length + tail.Length;
        int n = (int)Math.Min(buffer.Length, total - _position);
        int repeated = (int)Math.Clamp(length - _position, 0, n);
        buffer[..repeated].Fill(value);
        if (n > repeated)
            tail.AsSpan((int)(_position + repeated - length), n - repeated).CopyTo(buffer[repeated..]);
        _position += n;
        return n;
    }
}
