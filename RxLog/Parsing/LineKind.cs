namespace RxLog.Parsing;

/// <summary>What the parsing stage made of one non-blank line (or, for <see cref="Hits"/>, of a run of lines).</summary>
public enum LineKind : byte
{
    /// <summary>A record: a hit with a valid timestamp.</summary>
    Record,
    /// <summary>A non-blank line that is not a record (CONTRACT.md "Invalid line").</summary>
    Invalid,
    /// <summary>A run of consecutive records counted ahead by a parsing worker, all in one second of the clock
    /// (<see cref="ParsedLine.Hits"/> of them); see <see cref="ParsedLine"/>.</summary>
    Hits,
}
