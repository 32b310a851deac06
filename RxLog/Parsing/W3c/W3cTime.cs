namespace RxLog.Parsing.W3c;

/// <summary>Parsing stage, W3C extended format: the <c>date</c> and <c>time</c> values, read without allocating.</summary>
internal static class W3cTime
{
    private static ReadOnlySpan<byte> MonthNames => "JanFebMarAprMayJunJulAugSepOctNovDec"u8;

    /// <summary>Unix seconds of 00:00:00 UTC on <paramref name="text"/>: <c>2002-05-02</c> (the W3C form) or
    /// <c>28/Jun/2017</c> (Incapsula's <c>#Date:</c>). False for anything else, impossible dates included.</summary>
    /// <remarks>The date is rewritten as a CLF timestamp at midnight UTC and handed to <see cref="ClfTimestamp"/>,
    /// so both formats share one calendar and one set of range checks. Callers cache the result per distinct date,
    /// so this runs about once per day of log.</remarks>
    public static bool TryParseDate(ReadOnlySpan<byte> text, out long dayStart)
    {
        dayStart = 0;
        Span<byte> stamp = stackalloc byte[ClfTimestamp.Length];
        "01/Jan/1970:00:00:00 +0000"u8.CopyTo(stamp);
        if (text.Length == 10 && text[4] == (byte)'-' && text[7] == (byte)'-')
        {
            uint tens = (uint)(text[5] - '0');
            uint ones = (uint)(text[6] - '0');
            uint month = tens * 10 + ones;
            if (tens > 9 || ones > 9 || month is < 1 or > 12)
            {
                return false;
            }

            text.Slice(8, 2).CopyTo(stamp);
            MonthNames.Slice((int)(month - 1) * 3, 3).CopyTo(stamp[3..]);
            text[..4].CopyTo(stamp[7..]);
        }
        else if (text.Length == 11 && text[2] == (byte)'/' && text[6] == (byte)'/')
        {
            text.CopyTo(stamp);
        }
        else
        {
            return false;
        }

        return ClfTimestamp.TryParse(stamp, out dayStart, out _);
    }

    /// <summary>Seconds since midnight of <c>HH:mm:ss</c>, optionally followed by a fraction (<c>17:00:00.363</c>,
    /// IIS Advanced Logging), which is dropped: times are floored to the whole second.</summary>
    public static bool TryParseTimeOfDay(ReadOnlySpan<byte> text, out int seconds)
    {
        seconds = 0;
        if (text.Length < 8 || text[2] != (byte)':' || text[5] != (byte)':')
        {
            return false;
        }

        if (text.Length > 8 && (text[8] != (byte)'.' || text.Length == 9
            || text[9..].IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0))
        {
            return false;
        }

        int hour = TwoDigits(text[0], text[1]);
        int minute = TwoDigits(text[3], text[4]);
        int second = TwoDigits(text[6], text[7]);
        if (hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59)
        {
            return false;
        }

        seconds = hour * 3_600 + minute * 60 + second;
        return true;
    }

    // 00..99, or -1 when either byte is not a digit.
    private static int TwoDigits(byte tens, byte ones)
    {
        uint t = (uint)(tens - '0');
        uint o = (uint)(ones - '0');
        return t > 9 || o > 9 ? -1 : (int)(t * 10 + o);
    }
}
