namespace RxLog.Generation;

/// <summary>Writes <c>[01/Jan/2026:00:00:00 +0000]</c> in the time's own offset, without culture data.</summary>
internal static class ClfTimestamp
{
    public const int Length = 28;

    private static readonly string[] Months =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public static void Format(DateTimeOffset time, Span<byte> dest)
    {
        var t = time.DateTime;
        dest[0] = (byte)'[';
        Two(dest[1..], t.Day);
        dest[3] = (byte)'/';
        var month = Months[t.Month - 1];
        for (int i = 0; i < 3; i++)
            dest[4 + i] = (byte)month[i];
        dest[7] = (byte)'/';
        Two(dest[8..], t.Year / 100);
        Two(dest[10..], t.Year % 100);
        dest[12] = (byte)':';
        Two(dest[13..], t.Hour);
        dest[15] = (byte)':';
        Two(dest[16..], t.Minute);
        dest[18] = (byte)':';
        Two(dest[19..], t.Second);
        dest[21] = (byte)' ';
        int offset = (int)time.Offset.TotalMinutes;
        dest[22] = offset < 0 ? (byte)'-' : (byte)'+';
        offset = Math.Abs(offset);
        Two(dest[23..], offset / 60);
        Two(dest[25..], offset % 60);
        dest[27] = (byte)']';
    }

    private static void Two(Span<byte> dest, int value)
    {
        dest[0] = (byte)('0' + value / 10);
        dest[1] = (byte)('0' + value % 10);
    }
}
