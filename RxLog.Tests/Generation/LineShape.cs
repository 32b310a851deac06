using System.Globalization;
using System.Text.RegularExpressions;
using RxLog.Generation;

namespace RxLog.Tests.Generation;

/// <summary>A hand-written check of the CLF/Combined line shape, independent of the Parsing stage.</summary>
internal static partial class LineShape
{
    [GeneratedRegex("""^(\S+) - (\S+) \[(\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4})\] "([A-Z]+) (/\S*) (HTTP/\d\.\d)" (\d{3}) (\d+|-)$""")]
    private static partial Regex Common();

    [GeneratedRegex("""^(\S+) - (\S+) \[(\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4})\] "([A-Z]+) (/\S*) (HTTP/\d\.\d)" (\d{3}) (\d+|-) "([^"]*)" "([^"]*)"$""")]
    private static partial Regex Combined();

    /// <summary>The line's fields (host, user, time, method, path, protocol, status, bytes[, referer, agent]),
    /// or null when it does not have the format's shape.</summary>
    public static string[]? Fields(string line, GeneratedFormat format)
    {
        var m = (format == GeneratedFormat.Common ? Common() : Combined()).Match(line);
        return m.Success ? [.. m.Groups.Cast<Group>().Skip(1).Select(g => g.Value)] : null;
    }

    /// <summary>How a time is written between the brackets.</summary>
    public static string Clf(DateTimeOffset t)
    {
        var offset = t.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return t.ToString("dd/MMM/yyyy:HH:mm:ss", CultureInfo.InvariantCulture)
            + string.Create(CultureInfo.InvariantCulture, $" {sign}{offset.Hours:D2}{offset.Minutes:D2}");
    }
}
