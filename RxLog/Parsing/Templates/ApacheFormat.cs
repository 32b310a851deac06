namespace RxLog.Parsing.Templates;

/// <summary>Parsing stage: compiles an Apache <c>LogFormat</c> string (<c>%h %l %u %t "%r" %&gt;s %b</c>) into a
/// <see cref="TemplateParser"/>, reading each <c>%</c> directive as mod_log_config does.</summary>
/// <remarks>
/// A directive is <c>%</c>, then modifiers in any order (<c>!</c>, status lists <c>400,501</c>, <c>&lt;</c>,
/// <c>&gt;</c>, one <c>{argument}</c>), then its name: one letter, or <c>^</c> and two letters. What each name gives
/// is in <see cref="ApacheDirectives"/>. A format needs a time (<see cref="FormatException"/> otherwise); a format
/// without a status gives records whose status is unknown (0, counted as "other").
/// </remarks>
internal static class ApacheFormat
{
    private const string TimeHint = "Apache needs %t or %{format}t";

    public static ILogLineParser Compile(string format, InternTable sections)
    {
        var builder = new TemplateBuilder();
        bool quoted = false;    // between two literal quotes, where Apache's fields may hold spaces
        for (int i = 0; i < format.Length; i++)
        {
            if (format[i] != '%')
            {
                if (format[i] == '"') quoted = !quoted;
                builder.Literal(format[i]);
                continue;
            }

            i = AddDirective(builder, format, i, quoted);
        }

        return builder.Build($"Apache LogFormat \"{format}\"", TimeHint, statusHint: null, sections);
    }

    // Reads the directive starting at the '%' at `start` and returns the index of its last character.
    private static int AddDirective(TemplateBuilder builder, string format, int start, bool quoted)
    {
        string? argument = null;
        bool final = false;
        bool conditional = false;
        int i = start + 1;
        for (; i < format.Length; i++)
        {
            char c = format[i];
            if (c is '!' or ',' or '<')
            {
                continue;
            }

            if (char.IsAsciiDigit(c))
            {
                conditional = true;
            }
            else if (c == '>')
            {
                final = true;
            }
            else if (c == '{')
            {
                int close = format.IndexOf('}', i);
                if (close < 0) throw new FormatException($"unclosed '{{' in Apache LogFormat directive at '{format[start..]}'");
                argument = format[(i + 1)..close];
                i = close;
            }
            else
            {
                break;
            }
        }

        if (i == format.Length)
        {
            throw new FormatException($"the Apache LogFormat ends inside a directive: '{format[start..]}'");
        }

        // As mod_log_config: '^' and two characters when that names a directive, else one character.
        string name = format[i] == '^' && i + 2 < format.Length && ApacheDirectives.IsCaretName(format.AsSpan(i, 3))
            ? format.Substring(i, 3)
            : format[i].ToString();
        string shown = format[start..(i + name.Length)];
        ApacheDirectives.Add(builder, new ApacheDirective(name, argument, final, conditional, quoted, shown));
        return i + name.Length - 1;
    }
}
