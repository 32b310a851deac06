using System.Globalization;

namespace RxLog.Rendering;

/// <summary>The zone that <c>--tz</c> asks times to be shown in (Rendering stage): a fixed offset or an IANA zone.</summary>
/// <remarks>Without <c>--tz</c> views print times with the offset the events carry (the first record's).</remarks>
public sealed class DisplayZone
{
    private const string Expected = "expected an IANA zone name (Europe/Paris), UTC, Z, or an offset like +05:30 or -0800";

    private readonly TimeZoneInfo? _zone; // null for a fixed offset
    private readonly TimeSpan _offset;

    private DisplayZone(string name, TimeZoneInfo? zone, TimeSpan offset)
    {
        Name = name;
        _zone = zone;
        _offset = offset;
    }

    /// <summary>UTC (<c>+00:00</c>).</summary>
    public static DisplayZone Utc { get; } = new("UTC", null, TimeSpan.Zero);

    /// <summary>The name as the user would recognise it: <c>UTC</c>, <c>+05:30</c>, <c>Asia/Tehran</c>.</summary>
    public string Name { get; }

    /// <summary>The fixed offset, or null for a zone with rules (DST).</summary>
    public TimeSpan? FixedOffset => _zone is null ? _offset : null;

    /// <summary>A fixed offset between −14:00 and +14:00 in whole minutes.</summary>
    public static DisplayZone FromOffset(TimeSpan offset)
    {
        if (offset.Ticks % TimeSpan.TicksPerMinute != 0 || offset.Duration() > TimeSpan.FromHours(14))
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "whole minutes within ±14:00");
        }

        return offset == TimeSpan.Zero ? Utc : new DisplayZone(FormatOffset(offset), null, offset);
    }

    /// <summary>Parses <c>--tz</c>: <c>UTC</c>, <c>Z</c>, <c>±HH</c>, <c>±HHMM</c>, <c>±HH:MM</c>, or an IANA name
    /// found by <see cref="TimeZoneInfo.FindSystemTimeZoneById"/>.</summary>
    /// <param name="error">On failure, one line for the user (without the <c>rxlog: </c> prefix).</param>
    public static bool TryParse(string? text, out DisplayZone zone, out string error)
    {
        zone = Utc;
        error = "";
        string value = text?.Trim() ?? "";
        if (value.Length == 0)
        {
            error = $"--tz: empty time zone; {Expected}";
            return false;
        }

        if (value.Equals("UTC", StringComparison.OrdinalIgnoreCase) || value is "Z" or "z")
        {
            return true;
        }

        if (value[0] is '+' or '-')
        {
            if (TryParseOffset(value, out TimeSpan offset))
            {
                zone = FromOffset(offset);
                return true;
            }

            error = $"--tz: bad offset '{TerminalText.Sanitize(value)}'; {Expected}";
            return false;
        }

        try
        {
            TimeZoneInfo found = TimeZoneInfo.FindSystemTimeZoneById(value);
            zone = new DisplayZone(value, found, TimeSpan.Zero);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException
                                      or IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            error = $"--tz: unknown time zone '{TerminalText.Sanitize(value)}'; {Expected}";
            return false;
        }
    }

    /// <summary>The same instant shown in this zone.</summary>
    public DateTimeOffset Convert(DateTimeOffset time) =>
        _zone is null ? time.ToOffset(_offset) : TimeZoneInfo.ConvertTime(time, _zone);

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static bool TryParseOffset(string value, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        ReadOnlySpan<char> digits = value.AsSpan(1);
        int hours = 0, minutes = 0;
        bool ok = digits.Length switch
        {
            1 or 2 => TryDigits(digits, out hours),
            4 => TryDigits(digits[..2], out hours) && TryDigits(digits[2..], out minutes),
            5 => digits[2] == ':' && TryDigits(digits[..2], out hours) && TryDigits(digits[3..], out minutes),
            _ => false,
        };
        if (!ok || minutes > 59 || hours * 60 + minutes > 14 * 60)
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0);
        if (value[0] == '-')
        {
            offset = -offset;
        }

        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (char c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = value * 10 + (c - '0');
        }

        return true;
    }

    private static string FormatOffset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
