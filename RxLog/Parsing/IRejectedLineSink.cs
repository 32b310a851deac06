namespace RxLog.Parsing;

/// <summary>Where invalid lines go to be seen later, byte for byte (<c>--rejects FILE</c>).</summary>
public interface IRejectedLineSink
{
    /// <summary>One invalid line as read, without its <c>\n</c> (a line over 64 KiB arrives cut at 64 KiB + 1 byte).</summary>
    void Reject(string origin, long lineNumber, ReadOnlySpan<byte> line);

    /// <summary>Writes out what is buffered, so that a summary saying where the lines went is true.</summary>
    void Flush();

    /// <summary>Where the lines go, as the user named it.</summary>
    string Target { get; }

    /// <summary>How many lines went there.</summary>
    long Count { get; }
}
