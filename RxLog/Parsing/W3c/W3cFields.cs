using System.Text;

namespace RxLog.Parsing.W3c;

/// <summary>Parsing stage, W3C extended format: the column layout a <c>#Fields:</c> directive declares, reduced to
/// which column (by position) holds each value rxlog reads.</summary>
/// <remarks>
/// Names are matched ignoring ASCII case. When a log has two names for one value, the first name in each pair wins
/// wherever it stands: <c>date</c> over <c>date-local</c>, <c>time</c> over <c>time-local</c>, <c>cs-uri-stem</c>
/// over <c>cs-uri</c>, <c>sc-bytes</c> over <c>bytes</c>, <c>time-taken</c> over <c>TimeTakenMS</c>; a repeated
/// name counts once, at its first position.
/// <para>Redefined in place, without allocating, because IIS repeats the header block after every restart (up to
/// 19 times a day in the waikolai logs). Not thread-safe, like the parser that owns it.</para>
/// </remarks>
internal sealed class W3cFields
{
    /// <summary>Most columns a layout may have. Real logs have up to about 40 (Incapsula: 42); more is taken as
    /// garbage and leaves the layout undefined, so that a huge <c>#Fields:</c> line cannot grow memory.</summary>
    public const int MaxColumns = 128;

    private readonly W3cColumn[] _columns = new W3cColumn[MaxColumns];

    /// <summary>Number of columns; 0 while no usable <c>#Fields:</c> was seen (then every data line is invalid).</summary>
    public int Count { get; private set; }

    /// <summary>The meaning of the column at <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>).</summary>
    public W3cColumn this[int index] => _columns[index];

    /// <summary>Reads the names after <c>#Fields:</c>, separated by runs of spaces and tabs. Too many names leave
    /// the layout undefined.</summary>
    public void Define(ReadOnlySpan<byte> names)
    {
        Span<int> best = stackalloc int[8];         // column index per W3cColumn, -1 when absent
        Span<byte> rank = stackalloc byte[8];       // 2 for the preferred name, 1 for the alternative
        best.Fill(-1);
        int count = 0;
        int i = 0;
        while (true)
        {
            int start = Skip(names, i);
            if (start >= names.Length)
            {
                break;
            }

            int length = names[start..].IndexOfAny((byte)' ', (byte)'\t');
            if (length < 0)
            {
                length = names.Length - start;
            }

            if (count == MaxColumns)
            {
                Count = 0;
                return;
            }

            (W3cColumn column, byte preference) = Classify(names.Slice(start, length));
            _columns[count] = W3cColumn.Other;
            if (column != W3cColumn.Other && preference > rank[(int)column])
            {
                best[(int)column] = count;
                rank[(int)column] = preference;
            }

            count++;
            i = start + length;
        }

        for (int column = 1; column < best.Length; column++)
        {
            if (best[column] >= 0)
            {
                _columns[best[column]] = (W3cColumn)column;
            }
        }

        Count = count;
    }

    // Index of the first byte at or after i that is not a space or tab (names.Length when there is none).
    private static int Skip(ReadOnlySpan<byte> text, int i)
    {
        int next = text[i..].IndexOfAnyExcept((byte)' ', (byte)'\t');
        return next < 0 ? text.Length : i + next;
    }

    private static (W3cColumn Column, byte Preference) Classify(ReadOnlySpan<byte> name)
    {
        if (Ascii.EqualsIgnoreCase(name, "date"u8)) return (W3cColumn.Date, 2);
        if (Ascii.EqualsIgnoreCase(name, "date-local"u8)) return (W3cColumn.Date, 1);
        if (Ascii.EqualsIgnoreCase(name, "time"u8)) return (W3cColumn.Time, 2);
        if (Ascii.EqualsIgnoreCase(name, "time-local"u8)) return (W3cColumn.Time, 1);
        if (Ascii.EqualsIgnoreCase(name, "cs-uri-stem"u8)) return (W3cColumn.Path, 2);
        if (Ascii.EqualsIgnoreCase(name, "cs-uri"u8)) return (W3cColumn.Path, 1);
        if (Ascii.EqualsIgnoreCase(name, "sc-status"u8)) return (W3cColumn.Status, 2);
        if (Ascii.EqualsIgnoreCase(name, "sc-bytes"u8)) return (W3cColumn.Bytes, 2);
        if (Ascii.EqualsIgnoreCase(name, "bytes"u8)) return (W3cColumn.Bytes, 1);
        if (Ascii.EqualsIgnoreCase(name, "time-taken"u8)) return (W3cColumn.Duration, 2);
        if (Ascii.EqualsIgnoreCase(name, "TimeTakenMS"u8)) return (W3cColumn.Duration, 1);
        if (Ascii.EqualsIgnoreCase(name, "c-ip"u8)) return (W3cColumn.Client, 2);
        return (W3cColumn.Other, 0);
    }
}
