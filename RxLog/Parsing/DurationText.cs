namespace RxLog.Parsing;

/// <summary>Response times as logs write them: <c>0.123</c> (seconds with a fraction, nginx <c>$request_time</c>) or a
/// whole number in a unit the format defines (Apache <c>%D</c> microseconds, IIS <c>time-taken</c> milliseconds).</summary>
public static class DurationText
{
    /// <summary>Anything longer is not a response time (a day is 86,400 s = 8.64e10 µs, 11 digits).</summary>
    private const int MaxDigits = 15;

    /// <summary>Parses <c>digits</c> (times <paramref name="wholeUnitMicros"/>) or <c>digits.digits</c> (seconds) into
    /// microseconds; false for anything else (<c>-</c>, empty, signs, exponents).</summary>
    public static bool TryParseMicros(ReadOnlySpan<byte> text, long wholeUnitMicros, out long micros)
    {
        micros = 0;
        int dot = text.IndexOf((byte)'.');
        ReadOnlySpan<byte> whole = dot < 0 ? text : text[..dot];
        if (whole.IsEmpty || whole.Length > MaxDigits || !AllDigits(whole)) return false;
        long value = 0;
        foreach (byte b in whole) value = value * 10 + (b - '0');
        if (dot < 0)
        {
            if (value > long.MaxValue / wholeUnitMicros) return false;
            micros = value * wholeUnitMicros;
            return true;
        }

        ReadOnlySpan<byte> fraction = text[(dot + 1)..];
        if (fraction.IsEmpty || fraction.Length > MaxDigits || !AllDigits(fraction)) return false;
        long fractionMicros = 0;
        for (int i = 0; i < 6; i++)
        {
            fractionMicros = fractionMicros * 10 + (i < fraction.Length ? fraction[i] - '0' : 0);
        }

        micros = value * 1_000_000 + fractionMicros;   // seconds.fraction, truncated to the microsecond
        return true;
    }

    private static bool AllDigits(ReadOnlySpan<byte> text) => !text.ContainsAnyExceptInRange((byte)'0', (byte)'9');
}
