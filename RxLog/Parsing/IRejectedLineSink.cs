namespace RxLog.Parsing;

/// <summary>Where invalid lines go to be seen later, byte for byte (<c>--rejects FILE</c>).</summary>
public interface IRejectedLineSink
{
    /// <summary>One invalid line as read, without its <c>\n</c> (a line over 64 KiB arrives cut at 64 KiB + 1 byte).</summary>
    void Reject(string origin, long lineNumber, ReadOnlySpan<byte> line);
}
