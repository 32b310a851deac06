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

    /// <summary>True for a line that <see cref="TryParse"/> refused because it is a directive of the format (W3C
    /// <c>#Fields:</c>, <c>#Date:</c>…): neither a record nor invalid, ignored like a blank line (CONTRACT.md).</summary>
    /// <remarks>Asked only after <see cref="TryParse"/> returned false for the same line, so a parser may decide
    /// while parsing and answer from what it saw.</remarks>
    bool IsDirective(ReadOnlySpan<byte> line) => false;
}
