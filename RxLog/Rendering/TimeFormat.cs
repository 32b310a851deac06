using System.Globalization;

namespace RxLog.Rendering;

/// <summary>How times and durations are written in every view (Rendering stage).</summary>
public static class TimeFormat
{
    /// <summary>ISO 8601 with the offset the value carries: <c>2026-01-01T10:03:41+00:00</c> (CONTRACT.md).</summary>
    public static string Iso(DateTimeOffset time) => time.ToString(IsoPattern, CultureInfo.InvariantCulture);

    /// <summary>The pattern of <see cref="Iso"/>, for formatting into a buffer.</summary>
    public const string IsoPattern = "yyyy-MM-dd'T'HH:mm:sszzz";

    /// <summary>Bytes <see cref="WriteIso"/> writes: <c>2026-01-01T10:03:41+00:00</c>.</summary>
    public const int IsoLength = 25;

    /// <summary><see cref="Iso"/>'s text as ASCII into <paramref name="destination"/> (at least <see cref="IsoLength"/>
    /// bytes); returns the bytes written. Digit by digit, not through the pattern: a quiet log writes two per report.</summary>
    public static int WriteIso(DateTimeOffset time, Span<byte> destination)
    {
        var d = destination[..IsoLength];
        var local = time.DateTime;
        Digits(d[..4], local.Year);
        d[4] = (byte)'-';
        Digits(d.Slice(5, 2), local.Month);
        d[7] = (byte)'-';
        Digits(d.Slice(8, 2), local.Day);
        d[10] = (byte)'T';
        Digits(d.Slice(11, 2), local.Hour);
        d[13] = (byte)':';
        Digits(d.Slice(14, 2), local.Minute);
        d[16] = (byte)':';
        Digits(d.Slice(17, 2), local.Second);
        int offsetMinutes = (int)(time.Offset.Ticks / TimeSpan.TicksPerMinute);
        d[19] = offsetMinutes < 0 ? (byte)'-' : (byte)'+';
        offsetMinutes = Math.Abs(offsetMinutes);
        Digits(d.Slice(20, 2), offsetMinutes / 60);
        d[22] = (byte)':';
        Digits(d.Slice(23, 2), offsetMinutes % 60);
        return IsoLength;
    }

    private static void Digits(Span<byte> destination, int value)
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }

    /// <summary>Date and time for reading, without the offset: <c>2026-01-01 10:03:41</c>.</summary>
    public static string DateTime(DateTimeOffset time) =>
        time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Time of day: <c>10:03:41</c>.</summary>
    public static string Clock(DateTimeOffset time) => time.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The offset alone: <c>+00:00</c>, <c>-08:00</c>.</summary>
    public static string Offset(DateTimeOffset time) => time.ToString("zzz", CultureInfo.InvariantCulture);

    /// <summary>A range <c>[start, end)</c> with the date and the offset written once:
    /// <c>2026-01-01 10:00:00 → 10:00:10 +00:00</c>. The end's date (and offset) appear only when they differ.</summary>
    public static string Range(DateTimeOffset start, DateTimeOffset end)
    {
        string endText = start.Offset != end.Offset
            ? DateTime(end) + " " + Offset(end)
            : start.Date == end.Date ? Clock(end) : DateTime(end);
        return start.Offset != end.Offset
            ? $"{DateTime(start)} {Offset(start)} → {endText}"
            : $"{DateTime(start)} → {endText} {Offset(start)}";
    }

    /// <summary>Whole seconds as Go prints a duration: <c>0s</c>, <c>45s</c>, <c>3m40s</c>, <c>1h0m5s</c>,
    /// <c>49h0m0s</c>; negative values get a leading <c>-</c>.</summary>
    public static string Duration(long seconds)
    {
        if (seconds == 0)
        {
            return "0s";
        }

        string sign = seconds < 0 ? "-" : "";
        ulong s = seconds < 0 ? (ulong)(-(seconds + 1)) + 1 : (ulong)seconds; // long.MinValue safe
        ulong h = s / 3600, m = s / 60 % 60, sec = s % 60;
        var inv = CultureInfo.InvariantCulture;
        return h > 0 ? string.Create(inv, $"{sign}{h}h{m}m{sec}s")
            : m > 0 ? string.Create(inv, $"{sign}{m}m{sec}s")
            : string.Create(inv, $"{sign}{sec}s");
    }

    /// <summary>A <see cref="TimeSpan"/> in whole seconds (fractions truncated toward zero), as <see cref="Duration(long)"/>.</summary>
    public static string Duration(TimeSpan span) => Duration(span.Ticks / TimeSpan.TicksPerSecond);
}
