namespace RxLog.Tests.Support;

/// <summary>A read-only stream whose reads return the given pieces one by one (as a pipe returns what is available),
/// never more than the caller asks for; then end of input, or the given exception.</summary>
public sealed class SourceScriptedStream(IEnumerable<byte[]> pieces, Exception? failAtEnd = null) : Stream
{
    private readonly Queue<byte[]> _pieces = new(pieces);
    private byte[] _current = [];
    private int _offset;

    public int Reads { get; private set; }

    /// <summary>The bytes cut into pieces of at most <paramref name="size"/> bytes.</summary>
    public static SourceScriptedStream InPiecesOf(int size, byte[] bytes) => new(bytes.Chunk(size));

    public override int Read(byte[] buffer, int offset, int count)
    {
        Reads++;
        while (_offset == _current.Length)
        {
            if (_pieces.Count == 0)
            {
                if (failAtEnd is not null) throw failAtEnd;
                return 0;
            }
            _current = _pieces.Dequeue();
            _offset = 0;
        }
        int n = Math.Min(count, _current.Length - _offset);
        Array.Copy(_current, _offset, buffer, offset, n);
        _offset += n;
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
