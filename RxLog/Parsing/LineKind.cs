namespace RxLog.Parsing;

/// <summary>What the parsing stage made of one non-blank line.</summary>
public enum LineKind : byte
{
    /// <summary>A record: a hit with a valid timestamp.</summary>
    Record,
    /// <summary>A non-blank line that is not a record (CONTRACT.md "Invalid line").</summary>
    Invalid,
}
