namespace RxLog.Parsing.Templates;

/// <summary>Parsing stage: English month and weekday names, abbreviated or in full, any case, read from the front
/// of a span (strftime <c>%b %B %h %a %A</c>).</summary>
internal static class DateNames
{
    private static readonly string[] Months =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <summary>1..12 and the bytes used, or 0.</summary>
    public static int Month(ReadOnlySpan<byte> text, out int used) => Find(Months, text, out used);

    /// <summary>True when a weekday name starts <paramref name="text"/>; the day itself is not used.</summary>
    public static bool Weekday(ReadOnlySpan<byte> text, out int used) => Find(Weekdays, text, out used) > 0;

    // Index + 1 of the name whose first three letters start the text, taking the full name when it is written out.
    private static int Find(string[] names, ReadOnlySpan<byte> text, out int used)
    {
        used = 0;
        if (text.Length < 3)
        {
            return 0;
        }

        for (int i = 0; i < names.Length; i++)
        {
            string name = names[i];
            if (!Matches(name, text, 3))
            {
                continue;
            }

            used = Matches(name, text, name.Length) ? name.Length : 3;
            return i + 1;
        }

        return 0;
    }

    // Folding with | 0x20 is safe: the names are lower-case ASCII letters.
    private static bool Matches(string name, ReadOnlySpan<byte> text, int count)
    {
        if (text.Length < count)
        {
            return false;
        }

        for (int i = 0; i < count; i++)
        {
            if ((text[i] | 0x20) != name[i])
            {
                return false;
            }
        }

        return true;
    }
}
