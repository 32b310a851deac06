namespace RxLog.Parsing;

/// <summary>Chooses the parser for <c>--format</c>. Common and Combined share one parser: Combined's referer and
/// user agent are extra fields after bytes. <c>auto</c> decides from the first non-blank line.</summary>
public static class LogFormats
{
    public static ILogLineParser Create(string name) => name switch
    {
        "auto" => new DetectingParser(),
        "json" => new JsonLineParser(),
        _ => new CommonLogParser(),
    };
}
