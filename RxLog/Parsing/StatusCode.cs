namespace RxLog.Parsing;

/// <summary>The HTTP status every format writes the same way: three digits, 100..999 (CONTRACT.md "Record").</summary>
public static class StatusCode
{
    /// <summary>Reads the first three bytes of <paramref name="text"/>; false when they are not a status (or missing).</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out short status)
    {
        status = 0;
        if (text.Length < 3)
        {
            return false;
        }

        uint d0 = (uint)(text[0] - '1');    // a status starts with 1..9: 100..999
        uint d1 = (uint)(text[1] - '0');
        uint d2 = (uint)(text[2] - '0');
        if (d0 > 8 || d1 > 9 || d2 > 9)
        {
            return false;
        }

        status = (short)((d0 + 1) * 100 + d1 * 10 + d2);
        return true;
    }
}
