namespace RxLog.Parsing.Templates;

/// <summary>Parsing stage: what each Apache <c>LogFormat</c> directive writes, and so how rxlog reads it: every
/// directive of mod_log_config, mod_logio and mod_ssl (httpd 2.4, and trunk's <c>%F</c> and <c>%^FU</c>).</summary>
/// <remarks>
/// Used: <c>%t</c>/<c>%{format}t</c> (see <see cref="ApacheTime"/>); <c>%&gt;s</c>, else <c>%s</c>/<c>%&lt;s</c>;
/// <c>%b</c>/<c>%B</c>, else <c>%O</c>; <c>%D</c>, <c>%{us}T</c>, <c>%{ms}T</c>, <c>%T</c>/<c>%{s}T</c> (response
/// time, most precise wins; units in any case); <c>%U</c> (section, preferred over <c>%r</c>'s path; a following
/// <c>%q</c> is read as part of it); <c>%r</c>; <c>%a</c>, else <c>%h</c>, else <c>%{c}h</c>, else <c>%{c}a</c>
/// (client).
/// Words without spaces, read and skipped: <c>%A %l %u %v %V %p %{canonical|local|remote}p %P %{pid|tid|hextid}P
/// %m %H %L %{c}L %k %X %R %I %O %S %F %^FB %^FU</c>, <c>%{msec_frac}t %{usec_frac}t</c>, a <c>%T</c> of another
/// unit and a status with a status list (both of which Apache writes as text).
/// Values of any content (<c>%{…}i %{…}o %{…}e %{…}n %{…}C %{…}c %{…}x %{…}^ti %{…}^to %f</c>): free text, which
/// may hold spaces, between quotes of the format (<c>"%{User-Agent}i"</c>); a word elsewhere
/// (<c>%{SSL_CIPHER}x</c>). <c>%q</c> is free text, as it is empty without a query. Modifiers are accepted; the
/// <c>-</c> a status list writes is read like any value. Any other directive is a <see cref="FormatException"/>.
/// </remarks>
internal static class ApacheDirectives
{
    /// <summary>True for the names of <c>^</c> and two characters (<c>^ti</c>, <c>^to</c>, <c>^FB</c>, <c>^FU</c>).</summary>
    public static bool IsCaretName(ReadOnlySpan<char> name) => name is "^ti" or "^to" or "^FB" or "^FU";

    public static void Add(TemplateBuilder builder, ApacheDirective d)
    {
        string shown = d.Shown;
        switch (d.Name)
        {
            case "%": builder.Literal('%'); break;
            case "t": ApacheTime.Add(builder, d.Argument, shown); break;
            case "s" when d.Conditional: builder.Field(FieldKind.Token, shown); break;     // "-" for statuses not listed
            case "s": builder.Field(FieldKind.Status, shown, priority: d.Final ? 0 : 1); break;
            case "b" or "B": builder.Field(FieldKind.Bytes, shown, priority: 0); break;
            case "O": builder.Field(FieldKind.Bytes, shown, priority: 1); break;
            case "D": builder.Field(FieldKind.DurationMicros, shown, priority: 0); break;
            case "T": AddDuration(builder, d.Argument, shown); break;
            case "r": builder.Field(FieldKind.Request, shown); break;
            case "U": builder.Field(FieldKind.Path, shown); break;
            case "q" when builder.EndsWithPath: break;     // %U%q: read as one path, which Sections cuts at '?'
            case "q": builder.Field(FieldKind.Skip, shown); break;
            // %a is the client (mod_remoteip's when used), %h its host name or the same IP; %{c}h and %{c}a are the
            // connection's peer (a proxy, behind mod_remoteip), the client only when nothing better is written.
            case "a": builder.Field(FieldKind.Client, shown, priority: d.Argument == "c" ? 3 : 0); break;
            case "h": builder.Field(FieldKind.Client, shown, priority: d.Argument == "c" ? 2 : 1); break;
            case "A" or "l" or "u" or "v" or "V" or "p" or "P" or "m" or "H" or "L" or "k" or "X" or "R"
                or "I" or "S" or "F" or "^FB" or "^FU":
                builder.Field(FieldKind.Token, shown);
                break;
            case "i" or "o" or "e" or "n" or "C" or "c" or "x" or "^ti" or "^to" or "f":
                builder.Field(d.Quoted ? FieldKind.Skip : FieldKind.Token, shown);
                break;
            default:
                throw new FormatException($"unsupported Apache LogFormat directive '{shown}'");
        }
    }

    // %{UNIT}T as mod_log_config reads UNIT: s (or none), ms, us in any case; any other unit is written as itself.
    private static void AddDuration(TemplateBuilder builder, string? unit, string shown)
    {
        var (kind, priority) = (unit ?? "").ToLowerInvariant() switch
        {
            "" or "s" => (FieldKind.DurationSeconds, 3),
            "ms" => (FieldKind.DurationMillis, 2),
            "us" => (FieldKind.DurationMicros, 1),
            _ => (FieldKind.Token, 0),
        };
        builder.Field(kind, shown, priority);
    }
}
