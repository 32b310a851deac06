namespace RxLog.Parsing;

/// <summary>One non-blank input line after parsing: a record, or an invalid line with its text kept for showing.</summary>
/// <param name="Kind">Record or invalid.</param>
/// <param name="Record">The record; default for an invalid line.</param>
/// <param name="LineNumber">1-based line number in its source.</param>
/// <param name="InvalidText">The invalid line decoded lossily (U+FFFD for bad UTF-8), at most 64 KiB; null for records.</param>
public readonly record struct ParsedLine(LineKind Kind, LogRecord Record, long LineNumber, string? InvalidText)
{
    public static ParsedLine Hit(in LogRecord record, long lineNumber) => new(LineKind.Record, record, lineNumber, null);
    public static ParsedLine Invalid(string text, long lineNumber) => new(LineKind.Invalid, default, lineNumber, text);
}
