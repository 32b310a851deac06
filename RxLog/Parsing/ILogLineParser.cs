namespace RxLog.Parsing;

/// <summary>Turns one line's bytes (no line terminator) into a record; one implementation per log format.</summary>
/// <remarks>Implementations may keep caches (timestamps, interned sections) and are not thread-safe.
/// The hot path must not allocate per line beyond what the format forces.</remarks>
public interface ILogLineParser
{
    /// <summary>Human name of the format, used in messages ("Common/Combined Log Format").</summary>
    string FormatName { get; }

    /// <summary>Parses <paramref name="line"/>; false when it is not a record of this format.</summary>
    bool TryParse(ReadOnlySpan<byte> line, out LogRecord record);
}
