namespace RxLog.Parsing;

/// <summary>Parsing stage: the Common Log Format time <c>10/Oct/2000:13:55:36 -0700</c> (Apache <c>%t</c> without
/// its brackets, nginx <c>$time_local</c>) to Unix seconds UTC and the written UTC offset.</summary>
/// <remarks>Strict: exactly 26 bytes, two-digit day, English month abbreviation (any case), four-digit year,
/// 24-hour time with seconds 00–59 (no leap second, as <see cref="DateTime"/>), offset <c>±hhmm</c> within ±14:00
/// (the range <see cref="DateTimeOffset"/> can display). Impossible dates such as 31/Feb or 25:61:00 are rejected.</remarks>
public static class ClfTimestamp
{
    /// <summary>Length in bytes of every valid timestamp.</summary>
    public const int Length = 26;

    /// <summary>Earliest time accepted: <see cref="DateTimeOffset.MinValue"/> in Unix seconds.</summary>
    public const long MinUnixSeconds = -62_135_596_800;

    /// <summary>Latest time accepted: <see cref="DateTimeOffset.MaxValue"/> in whole Unix seconds.</summary>
    public const long MaxUnixSeconds = 253_402_300_799;

    /// <summary>Parses <paramref name="text"/>; false when it is not a valid CLF timestamp.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out long unixSeconds, out short offsetMinutes)
    {
        unixSeconds = 0;
        offsetMinutes = 0;
        if (text.Length != Length
            || text[2] != (byte)'/' || text[6] != (byte)'/' || text[11] != (byte)':'
            || text[14] != (byte)':' || text[17] != (byte)':' || text[20] != (byte)' ')
        {
            return false;
        }

        int day = Digits(text.Slice(0, 2));
        int month = Month(text.Slice(3, 3));
        int year = Digits(text.Slice(7, 4));
        int hour = Digits(text.Slice(12, 2));
        int minute = Digits(text.Slice(15, 2));
        int second = Digits(text.Slice(18, 2));
        int offsetHours = Digits(text.Slice(22, 2));
        int offsetMins = Digits(text.Slice(24, 2));
        byte sign = text[21];

        if (month < 1 || year < 1 || day < 1 || day > DaysInMonth(year, month)
            || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59
            || (sign != (byte)'+' && sign != (byte)'-')
            || offsetHours < 0 || offsetMins is < 0 or > 59)
        {
            return false;
        }

        int offset = offsetHours * 60 + offsetMins;
        if (offset > 14 * 60)
        {
            return false;
        }

        if (sign == (byte)'-')
        {
            offset = -offset;
        }

        long local = DaysFromCivil(year, month, day) * 86_400L + hour * 3_600 + minute * 60 + second;
        long utc = local - offset * 60L;
        if (utc < MinUnixSeconds || utc > MaxUnixSeconds)
        {
            return false;
        }

        unixSeconds = utc;
        offsetMinutes = (short)offset;
        return true;
    }

    // Decimal value of an all-digit span, or -1.
    private static int Digits(ReadOnlySpan<byte> digits)
    {
        int value = 0;
        foreach (byte b in digits)
        {
            uint d = (uint)(b - '0');
            if (d > 9)
            {
                return -1;
            }

            value = value * 10 + (int)d;
        }

        return value;
    }

    // 1..12 for Jan..Dec in any case, else -1. Folding ASCII letters to lower case with | 0x20 is safe here
    // because the result is compared against lower-case letters only.
    private static int Month(ReadOnlySpan<byte> name)
    {
        int key = ((name[0] | 0x20) << 16) | ((name[1] | 0x20) << 8) | (name[2] | 0x20);
        return key switch
        {
            ('j' << 16) | ('a' << 8) | 'n' => 1,
            ('f' << 16) | ('e' << 8) | 'b' => 2,
            ('m' << 16) | ('a' << 8) | 'r' => 3,
            ('a' << 16) | ('p' << 8) | 'r' => 4,
            ('m' << 16) | ('a' << 8) | 'y' => 5,
            ('j' << 16) | ('u' << 8) | 'n' => 6,
            ('j' << 16) | ('u' << 8) | 'l' => 7,
            ('a' << 16) | ('u' << 8) | 'g' => 8,
            ('s' << 16) | ('e' << 8) | 'p' => 9,
            ('o' << 16) | ('c' << 8) | 't' => 10,
            ('n' << 16) | ('o' << 8) | 'v' => 11,
            ('d' << 16) | ('e' << 8) | 'c' => 12,
            _ => -1,
        };
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => DateTime.IsLeapYear(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    // Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
    private static long DaysFromCivil(int year, int month, int day)
    {
        int y = month <= 2 ? year - 1 : year;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yoe = y - era * 400;
        int doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468;
    }
}
