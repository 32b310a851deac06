namespace RxLog.Tests.Support;

/// <summary>A read-only stream of <paramref name="length"/> copies of one byte, then <paramref name="tail"/>, generated
/// as it is read: a 100 MB line without allocating 100 MB.</summary>
public sealed class SourceRepeatStream(byte value, long length, byte[] tail) : Stream
{
    private long _position;

    public override int Read(byte[] buffer, int offset, int count)
    {
        long total = length + tail.Length;
        int n = (int)Math.Min(count, total - _position);
        int repeated = (int)Math.Clamp(length - _position, 0, n);
        buffer.AsSpan(offset, repeated).Fill(value);
        if (n > repeated)
            tail.AsSpan((int)(_position + repeated - length), n - repeated).CopyTo(buffer.AsSpan(offset + repeated));
        _position += n;
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
