namespace RxLog.Parsing.Templates;

/// <summary>Parsing stage: compiles an Apache <c>LogFormat</c> string (<c>%h %l %u %t "%r" %&gt;s %b</c>) into a
/// <see cref="TemplateParser"/>.</summary>
/// <remarks>
/// Used: <c>%t</c> (CLF time in brackets), <c>%{format}t</c> (strftime, <c>sec</c>, <c>msec</c>, <c>usec</c>, with
/// optional <c>begin:</c>/<c>end:</c>; several pieces are combined); <c>%&gt;s</c>, else <c>%s</c>; <c>%b</c>/<c>%B</c>,
/// else <c>%O</c>; <c>%D</c>, <c>%{us}T</c>, <c>%{ms}T</c>, <c>%T</c>/<c>%{s}T</c> (response time, most precise
/// wins); <c>%U</c> (section, preferred over <c>%r</c>'s path; a following <c>%q</c> is read as part of it); <c>%r</c>.
/// Words, read and skipped: <c>%h %a %A %l %u %v %V %p %P %m %H %L %k %X %R %I %S %q</c>,
/// <c>%{msec_frac}t %{usec_frac}t</c>. Free text, skipped: <c>%{…}i %{…}o %{…}e %{…}n %{…}C %{…}^ti %{…}^to %f</c>.
/// Modifiers (<c>%400,501{User-agent}i</c>, <c>%!200h</c>, <c>%&lt;s</c>) are accepted and ignored.
/// Any other directive is a <see cref="FormatException"/> naming it.
/// </remarks>
internal static class ApacheFormat
{
    private const string TimeHint = "Apache needs %t or %{format}t";
    private const string StatusHint = "Apache needs %>s or %s";

    public static ILogLineParser Compile(string format, InternTable sections)
    {
        var builder = new TemplateBuilder();
        for (int i = 0; i < format.Length; i++)
        {
            if (format[i] != '%')
            {
                builder.Literal(format[i]);
                continue;
            }

            i = AddDirective(builder, format, i);
        }

        return builder.Build($"Apache LogFormat \"{format}\"", TimeHint, StatusHint, sections);
    }

    // Reads the directive starting at the '%' at `start` and returns the index of its last character.
    private static int AddDirective(TemplateBuilder builder, string format, int start)
    {
        string? argument = null;
        bool final = false;
        int i = start + 1;
        for (; i < format.Length; i++)
        {
            char c = format[i];
            if (c is '!' or ',' || char.IsAsciiDigit(c) || c == '<')
            {
                continue;
            }

            if (c == '>')
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

        string letter = format[i] == '^' && i + 2 < format.Length ? format.Substring(i, 3) : format[i].ToString();
        string shown = format[start..(i + letter.Length)];
        Add(builder, letter, argument, final, shown);
        return i + letter.Length - 1;
    }

    private static void Add(TemplateBuilder builder, string letter, string? argument, bool final, string shown)
    {
        switch (letter)
        {
            case "%": builder.Literal('%'); break;
            case "t": AddTime(builder, argument, shown); break;
            case "s": builder.Field(FieldKind.Status, shown, priority: final ? 0 : 1); break;
            case "b" or "B": builder.Field(FieldKind.Bytes, shown, priority: 0); break;
            case "O": builder.Field(FieldKind.Bytes, shown, priority: 1); break;
            case "D": builder.Field(FieldKind.DurationMicros, shown, priority: 0); break;
            case "T":
                var (kind, priority) = argument switch
                {
                    null or "s" => (FieldKind.DurationSeconds, 3),
                    "ms" => (FieldKind.DurationMillis, 2),
                    "us" => (FieldKind.DurationMicros, 1),
                    _ => throw new FormatException($"unsupported Apache LogFormat unit in '{shown}' (use s, ms or us)"),
                };
                builder.Field(kind, shown, priority);
                break;
            case "r": builder.Field(FieldKind.Request, shown); break;
            case "U": builder.Field(FieldKind.Path, shown); break;
            case "q" when builder.EndsWithPath: break;     // %U%q: read as one path, which Sections cuts at '?'
            case "q": builder.Field(FieldKind.Skip, shown); break;
            case "a" when argument is null: builder.Field(FieldKind.Client, shown, priority: 0); break;  // the client (mod_remoteip's, when used)
            case "h": builder.Field(FieldKind.Client, shown, priority: 1); break;                      // its host name, or the same IP
            case "a" or "A" or "l" or "u" or "v" or "V" or "p" or "P" or "m" or "H" or "L" or "k" or "X" or "R" or "I" or "S":
                builder.Field(FieldKind.Token, shown);
                break;
            case "i" or "o" or "e" or "n" or "C" or "^ti" or "^to" or "f":
                builder.Field(FieldKind.Skip, shown);
                break;
            default:
                throw new FormatException($"unsupported Apache LogFormat directive '{shown}'");
        }
    }

    private static void AddTime(TemplateBuilder builder, string? argument, string shown)
    {
        if (argument is null)
        {
            builder.Literal('[');
            builder.Field(FieldKind.ClfTime, shown);
            builder.Literal(']');
            return;
        }

        string format = argument.StartsWith("begin:", StringComparison.Ordinal) ? argument[6..]
            : argument.StartsWith("end:", StringComparison.Ordinal) ? argument[4..]
            : argument;
        switch (format)
        {
            case "sec": builder.Field(FieldKind.EpochSeconds, shown); break;
            case "msec": builder.Field(FieldKind.EpochMillis, shown); break;
            case "usec": builder.Field(FieldKind.EpochMicros, shown); break;
            case "msec_frac" or "usec_frac": builder.Field(FieldKind.Token, shown); break;
            case "": builder.Literal('['); builder.Field(FieldKind.ClfTime, shown); builder.Literal(']'); break;
            default:
                StrftimeTime time;
                try
                {
                    time = StrftimeTime.Compile(format);
                }
                catch (FormatException error)
                {
                    throw new FormatException($"{error.Message} (in Apache LogFormat directive '{shown}')", error);
                }

                builder.Field(FieldKind.StrftimeTime, shown, time: time);
                break;
        }
    }
}
