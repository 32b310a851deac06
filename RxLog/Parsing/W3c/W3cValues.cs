namespace RxLog.Parsing.W3c;

/// <summary>Parsing stage, W3C extended format: the syntax of single values (quoting, status, bytes, time taken),
/// read from bytes without allocating.</summary>
internal static class W3cValues
{
    /// <summary>True for a value that says "unknown": <c>-</c>, or nothing (<c>""</c>, a missing column).</summary>
    public static bool IsEmpty(ReadOnlySpan<byte> value) => value.IsEmpty || (value.Length == 1 && value[0] == (byte)'-');

    /// <summary>A status: exactly three digits, 100..999.</summary>
    public static bool TryParseStatus(ReadOnlySpan<byte> value, out short status)
    {
        status = 0;
        return value.Length == 3 && StatusCode.TryParse(value, out status);
    }

    /// <summary>A size: 0 for a missing column or an empty value, else 1..18 digits (18 cannot overflow a long).</summary>
    public static bool TryParseBytes(ReadOnlySpan<byte> value, out long bytes)
    {
        bytes = 0;
        return IsEmpty(value) || TryParseDigits(value, 18, out bytes);
    }

    /// <summary>A time taken in microseconds: milliseconds as IIS writes them (<c>376</c>), or seconds with a decimal
    /// point (<c>0.082</c>, the W3C draft's unit); <see cref="LogRecord.NoDuration"/> for anything else.</summary>
    /// <remarks>A bad duration does not make a bad record: it is extra, like the fields after bytes in Common Log
    /// Format.</remarks>
    public static long DurationOf(ReadOnlySpan<byte> value)
    {
        int dot = value.IndexOf((byte)'.');
        if (dot < 0)
        {
            return TryParseDigits(value, 15, out long millis) ? millis * 1_000 : LogRecord.NoDuration;
        }

        ReadOnlySpan<byte> fraction = value[(dot + 1)..];
        if (!TryParseDigits(value[..dot], 12, out long seconds)
            || (!fraction.IsEmpty && fraction.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0))
        {
            return LogRecord.NoDuration;
        }

        long micros = 0;
        for (int i = 0; i < 6; i++)
        {
            micros = micros * 10 + (i < fraction.Length ? fraction[i] - '0' : 0);
        }

        return seconds * 1_000_000 + micros;
    }

    /// <summary>The index of the quote closing a value that opened just before <paramref name="start"/>: the first
    /// <c>"</c> followed by a space, a tab or the end; -1 when the value is unterminated.</summary>
    /// <remarks><c>""</c> inside is a quote (then <paramref name="escaped"/> is set), and a <c>"</c> followed by
    /// anything else is taken as text.</remarks>
    public static int ClosingQuote(ReadOnlySpan<byte> line, int start, out bool escaped)
    {
        escaped = false;
        int i = start;
        while (true)
        {
            int quote = line[i..].IndexOf((byte)'"');
            if (quote < 0)
            {
                return -1;
            }

            i += quote;
            if (i + 1 == line.Length || line[i + 1] is (byte)' ' or (byte)'\t')
            {
                return i;
            }

            escaped |= line[i + 1] == (byte)'"';
            i += line[i + 1] == (byte)'"' ? 2 : 1;
        }
    }

    private static bool TryParseDigits(ReadOnlySpan<byte> value, int maxDigits, out long number)
    {
        number = 0;
        if (value.IsEmpty || value.Length > maxDigits)
        {
            return false;
        }

        foreach (byte b in value)
        {
            uint d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }

            number = number * 10 + d;
        }

        return true;
    }
}
