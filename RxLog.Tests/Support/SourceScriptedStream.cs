namespace RxLog.Tests.Support;

/// <summary>A read-only stream whose reads return the given pieces one by one (as a pipe returns what is available),
/// never more than the caller asks for; then end of input, or the given exception.</summary>
internal sealed class SourceScriptedStream(IEnumerable<byte[]> pieces, Exception? failAtEnd = null) : RxLog.Sources.ReadOnlyStream
{
    private readonly Queue<byte[]> _pieces = new(pieces);
    private byte[] _current = [];
    private int _offset;

    public int Reads { get; private set; }

    /// <summary>The bytes cut into pieces of at most <paramref name="size"/> bytes.</summary>
    public static SourceScriptedStream InPiecesOf(int size, byte[] bytes) => new(bytes.Chunk(size));

    public override int Read(Span<byte> buffer)
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
        int n = Math.Min(buffer.Length, _current.Length - _offset);
        _current.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }
}
