using System.Globalization;

namespace RxLog.Cli;

/// <summary>Durations as users type them: <c>10</c> (seconds), <c>10s</c>, <c>2m</c>, <c>1h</c>, <c>1m30s</c>.</summary>
/// <remarks>CONTRACT.md "Durations": whole seconds, at least 1. System.CommandLine's own TimeSpan parser would read
/// <c>10</c> as ten days (DOTNET-NOTES.md §4.4), so durations never go through it.</remarks>
public static class DurationParser
{
    public static bool TryParse(string text, out int seconds)
    {
        seconds = 0;
        var s = text.Trim();
        if (s.Length == 0) return false;
        if (s.All(char.IsAsciiDigit))
            return int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out seconds) && seconds >= 1;

        long total = 0;
        int i = 0, lastUnit = int.MaxValue;
        while (i < s.Length)
        {
            int start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            if (i == start || i == s.Length || i - start > 9) return false;
            long value = long.Parse(s.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture);
            int unit = char.ToLowerInvariant(s[i++]) switch { 'h' => 3600, 'm' => 60, 's' => 1, _ => -1 };
            if (unit < 0 || unit >= lastUnit) return false;   // units once each, largest first: 1h30m, not 30m1h
            lastUnit = unit;
            total += value * unit;
        }
        if (total < 1 || total > int.MaxValue) return false;
        seconds = (int)total;
        return true;
    }
}
