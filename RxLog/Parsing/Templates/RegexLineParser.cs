using System.Text.RegularExpressions;

namespace RxLog.Parsing.Templates;

/// <summary>Parsing stage: <c>--regex PATTERN</c>, a .NET regular expression with named groups for the formats no
/// template describes.</summary>
/// <remarks>
/// Groups: <c>time</c> (required; read with <c>--time-format</c>, see <see cref="TimeFormat"/>), <c>status</c>
/// (required, 100..999), <c>bytes</c> (<c>-</c> or missing: 0), <c>duration</c> (seconds, fraction allowed),
/// <c>path</c> (section), else <c>request</c> (<c>GET /a/b HTTP/1.1</c>; section from its path); <c>client</c> and
/// <c>method</c> are accepted and not used yet. The pattern is searched for in the line as grep does: anchor it with
/// <c>^…$</c> to match whole lines. Each line is decoded to a string, so this is slower than a template; a match that
/// runs past its timeout (100 ms) makes the line invalid instead of hanging.
/// </remarks>
public static class RegexLineParser
{
    /// <summary>Time one line's match may take before the line counts as invalid.</summary>
    public static readonly TimeSpan DefaultMatchTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Creates a parser for <paramref name="pattern"/>, reading the <c>time</c> group with
    /// <paramref name="timeFormat"/> (null: <c>clf</c>); throws <see cref="FormatException"/> when the pattern does
    /// not compile, lacks a <c>time</c> or <c>status</c> group, or the time format is unknown.</summary>
    public static ILogLineParser Create(string pattern, string? timeFormat) => Create(pattern, timeFormat, DefaultMatchTimeout);

    /// <summary><see cref="Create(string, string?)"/> with another match timeout.</summary>
    public static ILogLineParser Create(string pattern, string? timeFormat, TimeSpan matchTimeout)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, matchTimeout);
        }
        catch (ArgumentException error)
        {
            throw new FormatException($"the regex does not compile: {OneLine(error.Message)}", error);
        }

        foreach (string required in (string[])["time", "status"])
        {
            if (regex.GroupNumberFromName(required) < 0)
            {
                throw new FormatException($"the regex has no (?<{required}>…) group");
            }
        }

        return new RegexRecordParser(regex, TimeFormat.Parse(timeFormat), new InternTable());
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
