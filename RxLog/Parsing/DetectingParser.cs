namespace RxLog.Parsing;

/// <summary><c>--format auto</c>: looks at the first non-blank line and from then on parses every line as that format
/// (a JSON object, after an optional <c>docker compose</c> prefix, means JSON lines; anything else Common/Combined).</summary>
/// <remarks>Each parallel worker gets its own instance; chunks start at line boundaries, so every one decides the same
/// way on a file of one format.</remarks>
public sealed class DetectingParser : ILogLineParser
{
    private ILogLineParser? _chosen;

    /// <summary>The detected format's name, or both candidates before any line was seen.</summary>
    public string FormatName => _chosen?.FormatName ?? "Common/Combined Log Format or JSON lines";

    public bool TryParse(ReadOnlySpan<byte> line, out LogRecord record)
    {
        _chosen ??= JsonLineParser.ObjectStart(line) >= 0 ? new JsonLineParser() : new CommonLogParser();
        return _chosen.TryParse(line, out record);
    }
}
