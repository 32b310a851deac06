namespace RxLog.Parsing.Templates;

/// <summary>Parsing stage: ISO 8601 / RFC 3339 times as logs write them: <c>2000-10-10T13:55:36-07:00</c>,
/// <c>2000-10-10 13:55:36.123Z</c>, <c>2000-10-10T13:55:36+0200</c>, or without a zone (then UTC).</summary>
internal static class IsoTime
{
    private static readonly StrftimeTime DateAndTime = StrftimeTime.Compile("%Y-%m-%d");

    /// <summary>Reads an ISO 8601 time from the front of <paramref name="text"/>; never throws.</summary>
    public static bool TryRead(ReadOnlySpan<byte> text, ref TimeParts parts, out int used)
    {
        used = 0;
        // Four-digit year, two-digit everything else: %Y-%m-%d would also take "2000-1-1".
        if (text.Length < 16 || text[4] != (byte)'-' || text[7] != (byte)'-' || text[13] != (byte)':'
            || (text[10] != (byte)'T' && text[10] != (byte)' ' && text[10] != (byte)'t')
            || !DateAndTime.TryRead(text[..10], ref parts, out int date) || date != 10
            || !TwoDigits(text[11..], out parts.Hour) || !TwoDigits(text[14..], out parts.Minute))
        {
            return false;
        }

        int pos = 16;
        parts.Second = 0;
        if (pos < text.Length && text[pos] == (byte)':')
        {
            if (!TwoDigits(text[(pos + 1)..], out parts.Second)) return false;
            pos += 3;
            if (pos + 1 < text.Length && (text[pos] == (byte)'.' || text[pos] == (byte)','))
            {
                int digits = Numbers.LeadingDigits(text[(pos + 1)..]);
                if (digits == 0) return false;
                pos += 1 + digits;
            }
        }

        if (pos < text.Length && (text[pos] is (byte)'Z' or (byte)'z' or (byte)'+' or (byte)'-'))
        {
            if (text[pos] == (byte)'z' || text[pos] == (byte)'Z')
            {
                parts.OffsetMinutes = 0;
                parts.HasOffset = true;
                pos++;
            }
            else
            {
                if (!StrftimeDirectives.TryRead('z', text[pos..], ref parts, out int zone)) return false;
                pos += zone;
            }
        }

        used = pos;
        return true;
    }

    private static bool TwoDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        if (text.Length < 2 || (uint)(text[0] - '0') > 9 || (uint)(text[1] - '0') > 9)
        {
            return false;
        }

        value = (text[0] - '0') * 10 + (text[1] - '0');
        return true;
    }
}
