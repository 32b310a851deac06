using System.Globalization;
using System.Text;

namespace RxLog.Tests.Support;

/// <summary>Small Common Log Format logs, as text or bytes, for driving the command line.</summary>
internal static class CliLogs
{
    /// <summary>2026-01-01T00:00:00Z, the generator's default start.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary><paramref name="time"/> as CLF writes it: <c>01/Jan/2026:00:00:00 +0000</c>.</summary>
    public static string ClfTime(DateTimeOffset time)
    {
        var offset = time.Offset;
        char sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return time.ToString("dd/MMM/yyyy:HH:mm:ss", CultureInfo.InvariantCulture)
               + $" {sign}{offset.Hours:00}{offset.Minutes:00}";
    }

    /// <summary>One CLF line at <paramref name="time"/> for <paramref name="path"/>, no newline.</summary>
    public static string Line(DateTimeOffset time, string path = "/pages/a", string status = "200") =>
        LogLines.Clf(request: $"GET {path} HTTP/1.1", status: status, bytes: "100", time: ClfTime(time));

    /// <summary><paramref name="perSecond"/> lines in each of <paramref name="seconds"/> seconds from <see cref="T0"/>,
    /// each ending in LF.</summary>
    public static string Steady(int seconds, int perSecond)
    {
        var text = new StringBuilder();
        for (int s = 0; s < seconds; s++)
        {
            for (int i = 0; i < perSecond; i++)
            {
                text.Append(Line(T0.AddSeconds(s), i % 2 == 0 ? "/pages/a" : "/api/b")).Append('\n');
            }
        }

        return text.ToString();
    }
}
