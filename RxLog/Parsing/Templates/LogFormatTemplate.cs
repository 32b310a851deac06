namespace RxLog.Parsing.Templates;

/// <summary>Parsing stage: <c>--log-format STRING</c>, a parser compiled from an nginx <c>log_format</c>
/// (<c>$remote_addr - $remote_user [$time_local] "$request" …</c>) or an Apache <c>LogFormat</c>
/// (<c>%h %l %u %t \"%r\" %&gt;s %b</c>), told apart by their syntax.</summary>
/// <remarks>
/// Text may be pasted straight from the config file (see <see cref="FormatText"/>). The compiled parser matches the
/// line's bytes step by step without allocating (see <see cref="TemplateParser"/>); fields the record does not need
/// are skipped, so reordered and extra fields are fine. Text after the end of the format is accepted when it starts
/// with a space or tab, as Combined lines often carry more fields than the format names.
/// </remarks>
public static class LogFormatTemplate
{
    /// <summary>Compiles <paramref name="format"/>; throws <see cref="FormatException"/> with a one-line message for
    /// a format that cannot give records (no time field, an nginx format without <c>$status</c>, an unknown Apache
    /// directive…). An Apache format without a status gives records of status 0 (unknown).</summary>
    public static ILogLineParser Compile(string format) => Compile(format, new InternTable());

    /// <summary><see cref="Compile(string)"/> interning sections into <paramref name="sections"/>.</summary>
    public static ILogLineParser Compile(string format, InternTable sections)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(sections);
        string text = FormatText.Clean(format);
        return FormatText.Detect(text) switch
        {
            FormatText.Dialect.Nginx => NginxFormat.Compile(text, sections),
            FormatText.Dialect.Apache => ApacheFormat.Compile(text, sections),
            _ => throw new FormatException(text.Length == 0 ? "the format is empty"
                : "the format has neither nginx $variables nor Apache %directives"),
        };
    }
}
