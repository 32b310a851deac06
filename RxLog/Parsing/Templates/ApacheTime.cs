namespace RxLog.Parsing.Templates;

/// <summary>Parsing stage: an Apache <c>%t</c> or <c>%{format}t</c> directive, read as mod_log_config writes it.</summary>
/// <remarks>
/// <c>%t</c>, <c>%{begin}t</c>, <c>%{end}t</c>, <c>%{begin:}t</c>: CLF time in brackets. <c>%{sec}t</c>,
/// <c>%{msec}t</c>, <c>%{usec}t</c>: Unix time. <c>%{msec_frac}t</c>, <c>%{usec_frac}t</c>: digits, skipped (the
/// second is what counts). Anything else is a strftime pattern (<c>%{%d/%b/%Y:%H:%M:%S %z}t</c>); several pieces
/// of one time are combined. A <c>begin:</c> or <c>end:</c> prefix changes only which instant Apache writes.
/// </remarks>
internal static class ApacheTime
{
    public static void Add(TemplateBuilder builder, string? argument, string shown)
    {
        var (keyword, pattern) = Split(argument ?? "");
        switch (keyword)
        {
            case "":
                builder.Literal('[');
                builder.Field(FieldKind.ClfTime, shown);
                builder.Literal(']');
                break;
            case "sec": builder.Field(FieldKind.EpochSeconds, shown); break;
            case "msec": builder.Field(FieldKind.EpochMillis, shown); break;
            case "usec": builder.Field(FieldKind.EpochMicros, shown); break;
            case "msec_frac" or "usec_frac": builder.Field(FieldKind.Token, shown); break;
            default:
                StrftimeTime time;
                try
                {
                    time = StrftimeTime.Compile(pattern);
                }
                catch (FormatException error)
                {
                    throw new FormatException($"{error.Message} (in Apache LogFormat directive '{shown}')", error);
                }

                builder.Field(FieldKind.StrftimeTime, shown, time: time);
                break;
        }
    }

    // As mod_log_config: "begin" or "end" alone is CLF time; with a ':' after it the rest is the keyword or the
    // pattern; without one the keyword is still looked for after it ("beginsec"), but a pattern is the whole text.
    private static (string Keyword, string Pattern) Split(string argument)
    {
        foreach (string prefix in (ReadOnlySpan<string>)["begin", "end"])
        {
            if (!argument.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            string rest = argument[prefix.Length..];
            return rest.Length == 0 ? ("", "")
                : rest[0] == ':' ? (rest[1..], rest[1..])
                : (rest, argument);
        }

        return (argument, argument);
    }
}
