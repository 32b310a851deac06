namespace RxLog.Sources;

/// <summary>A read-only stream that gives back a few bytes already read from another stream, then the rest of it:
/// lets <see cref="FileReplaySource"/> sniff gzip's magic bytes on a pipe, which cannot seek back.</summary>
internal sealed class PrefixedStream(byte[] prefix, int prefixLength, Stream rest) : ReadOnlyStream
{
    private int _prefixRead;

    public override int Read(Span<byte> buffer)
    {
        if (_prefixRead < prefixLength)
        {
            int n = Math.Min(buffer.Length, prefixLength - _prefixRead);
            prefix.AsSpan(_prefixRead, n).CopyTo(buffer);
            _prefixRead += n;
            return n;
        }
        return rest.Read(buffer);
    }
}
