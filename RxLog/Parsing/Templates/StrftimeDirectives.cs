namespace RxLog.Parsing.Templates;

/// <summary>Parsing stage: reads one strftime directive (<c>%Y</c>, <c>%b</c>, <c>%z</c>…) from the front of a span
/// into <see cref="TimeParts"/>; the single-letter half of <see cref="StrftimeTime"/>.</summary>
internal static class StrftimeDirectives
{
    /// <summary>What directive <paramref name="d"/> supplies; null when it is not supported.</summary>
    public static TimeFieldSet? Gives(char d) => d switch
    {
        'Y' or 'y' => TimeFieldSet.Year,
        'm' or 'b' or 'B' or 'h' => TimeFieldSet.Month,
        'd' or 'e' => TimeFieldSet.Day,
        'H' or 'I' or 'M' or 'S' or 'p' => TimeFieldSet.TimeOfDay,
        'z' or 'Z' => TimeFieldSet.Zone,
        's' => TimeFieldSet.Absolute,
        'f' or 'N' or 'a' or 'A' or 'n' or 't' => TimeFieldSet.None,
        _ => null,
    };

    /// <summary>Reads directive <paramref name="d"/> (one that <see cref="Gives"/> accepts); never throws.</summary>
    public static bool TryRead(char d, ReadOnlySpan<byte> text, ref TimeParts parts, out int used)
    {
        used = 0;
        switch (d)
        {
            case 'Y': return TryNumber(text, 1, 4, out parts.Year, out used);
            case 'm': return TryNumber(text, 1, 2, out parts.Month, out used);
            case 'd': return TryNumber(text, 1, 2, out parts.Day, out used);
            case 'H': return TryNumber(text, 1, 2, out parts.Hour, out used);
            case 'I': return TryNumber(text, 1, 2, out parts.Hour, out used);
            case 'M': return TryNumber(text, 1, 2, out parts.Minute, out used);
            case 'S': return TryNumber(text, 1, 2, out parts.Second, out used);
            case 'e':
                int pad = !text.IsEmpty && text[0] == (byte)' ' ? 1 : 0;
                bool day = TryNumber(text[pad..], 1, 2, out parts.Day, out used);
                used += pad;
                return day;
            case 'y':
                if (!TryNumber(text, 2, 2, out int yy, out used)) return false;
                parts.Year = yy < 69 ? 2000 + yy : 1900 + yy;    // POSIX: 69..99 are 1969..1999
                return true;
            case 'b' or 'B' or 'h':
                parts.Month = DateNames.Month(text, out used);
                return parts.Month > 0;
            case 'a' or 'A':
                return DateNames.Weekday(text, out used);
            case 'p':
                return TryMeridiem(text, ref parts, out used);
            case 'z':
                return TryOffset(text, ref parts, out used);
            case 'Z':
                used = text.StartsWith("UTC"u8) || text.StartsWith("GMT"u8) ? 3 : text.StartsWith("Z"u8) ? 1 : 0;
                parts.OffsetMinutes = 0;
                parts.HasOffset = true;
                return used > 0;
            case 's':
                if (!Numbers.TryEpoch(text, 1, out parts.Epoch, out used)) return false;
                used = Numbers.LeadingDigits(text);     // a following ".123" is %f's, not ours
                parts.HasEpoch = true;
                return true;
            case 'f' or 'N':
                used = Numbers.LeadingDigits(text);
                return used > 0;
            case 'n' or 't':
                used = text.IndexOfAnyExcept(" \t"u8);
                if (used < 0) used = text.Length;
                return true;
            default:
                return false;
        }
    }

    // Between min and max digits, as many as there are.
    private static bool TryNumber(ReadOnlySpan<byte> text, int min, int max, out int value, out int used)
    {
        value = 0;
        used = Math.Min(Numbers.LeadingDigits(text), max);
        if (used < min)
        {
            return false;
        }

        foreach (byte b in text[..used])
        {
            value = value * 10 + (b - '0');
        }

        return true;
    }

    private static bool TryMeridiem(ReadOnlySpan<byte> text, ref TimeParts parts, out int used)
    {
        used = 2;
        if (text.Length < 2 || (text[1] | 0x20) != 'm')
        {
            return false;
        }

        parts.Meridiem = (text[0] | 0x20) switch
        {
            'a' => 1,
            'p' => 2,
            _ => 0,
        };
        return parts.Meridiem != 0;
    }

    // Z, +hh, +hhmm, +hh:mm; within ±14:00 like ClfTimestamp.
    private static bool TryOffset(ReadOnlySpan<byte> text, ref TimeParts parts, out int used)
    {
        used = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        if (text[0] == (byte)'Z')
        {
            used = 1;
            parts.OffsetMinutes = 0;
            parts.HasOffset = true;
            return true;
        }

        int sign = text[0] switch
        {
            (byte)'+' => 1,
            (byte)'-' => -1,
            _ => 0,
        };
        if (sign == 0 || !TryNumber(text[1..], 2, 2, out int hours, out _))
        {
            return false;
        }

        used = 3;
        int minutes = 0;
        int colon = text.Length > 3 && text[3] == (byte)':' ? 1 : 0;
        if (TryNumber(text[(3 + colon)..], 2, 2, out int mm, out _))
        {
            minutes = mm;
            used += colon + 2;
        }

        int offset = hours * 60 + minutes;
        if (minutes > 59 || offset > 14 * 60)
        {
            return false;
        }

        parts.OffsetMinutes = sign * offset;
        parts.HasOffset = true;
        return true;
    }
}
