namespace RxLog.Parsing.Templates;

/// <summary>Parsing stage: the numeric fields of access logs read from the front of a span; each returns how many
/// bytes it used, so a field ends where its syntax ends.</summary>
internal static class Numbers
{
    /// <summary>Most integer digits accepted: 12 digits of seconds times 10^6 still fit a long.</summary>
    private const int MaxIntegerDigits = 12;

    /// <summary>A byte count: up to 18 digits, or <c>-</c> for 0.</summary>
    public static bool TryBytes(ReadOnlySpan<byte> text, out long bytes, out int used)
    {
        bytes = 0;
        if (!text.IsEmpty && text[0] == (byte)'-')
        {
            used = 1;
            return true;
        }

        used = LeadingDigits(text);
        if (used is 0 or > 18)      // 18 digits cannot overflow a long
        {
            return false;
        }

        foreach (byte b in text[..used])
        {
            bytes = bytes * 10 + (b - '0');
        }

        return true;
    }

    /// <summary>A duration <c>12</c> or <c>0.004</c> in units of <paramref name="unitMicros"/> microseconds, to
    /// microseconds (fraction digits past the ninth are read and ignored); <c>-</c> is no duration.</summary>
    public static bool TryDuration(ReadOnlySpan<byte> text, long unitMicros, out long micros, out int used)
    {
        micros = LogRecord.NoDuration;
        if (!text.IsEmpty && text[0] == (byte)'-')
        {
            used = 1;
            return true;
        }

        if (!TryDecimal(text, out long whole, out long fraction, out long fractionScale, out used))
        {
            return false;
        }

        micros = whole * unitMicros + fraction * unitMicros / fractionScale;
        return true;
    }

    /// <summary>Unix time <c>1700000000</c> or <c>1700000000.123</c> in units of 1/<paramref name="perSecond"/>
    /// seconds, to whole seconds (rounded down).</summary>
    public static bool TryEpoch(ReadOnlySpan<byte> text, long perSecond, out long seconds, out int used)
    {
        seconds = 0;
        if (!TryDecimal(text, out long whole, out _, out _, out used, maxIntegerDigits: 18))
        {
            return false;
        }

        seconds = whole / perSecond;
        return seconds <= ClfTimestamp.MaxUnixSeconds;
    }

    /// <summary>Number of ASCII digits at the start of <paramref name="text"/>.</summary>
    public static int LeadingDigits(ReadOnlySpan<byte> text)
    {
        int n = text.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        return n < 0 ? text.Length : n;
    }

    // digits [ '.' digits ]: the integer part and the first nine fraction digits as fraction / fractionScale.
    private static bool TryDecimal(ReadOnlySpan<byte> text, out long whole, out long fraction, out long fractionScale,
        out int used, int maxIntegerDigits = MaxIntegerDigits)
    {
        whole = 0;
        fraction = 0;
        fractionScale = 1;
        used = LeadingDigits(text);
        if (used == 0 || used > maxIntegerDigits)
        {
            return false;
        }

        foreach (byte b in text[..used])
        {
            whole = whole * 10 + (b - '0');
        }

        if (used + 1 < text.Length && text[used] == (byte)'.' && (uint)(text[used + 1] - '0') <= 9)
        {
            int digits = LeadingDigits(text[(used + 1)..]);
            foreach (byte b in text.Slice(used + 1, Math.Min(digits, 9)))
            {
                fraction = fraction * 10 + (b - '0');
                fractionScale *= 10;
            }

            used += 1 + digits;
        }

        return true;
    }
}
