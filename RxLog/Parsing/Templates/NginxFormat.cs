namespace RxLog.Parsing.Templates;

/// <summary>Parsing stage: compiles an nginx <c>log_format</c> string (<c>$remote_addr - $remote_user
/// [$time_local] "$request" …</c>) into a <see cref="TemplateParser"/>.</summary>
/// <remarks>
/// Used: <c>$time_local</c>, <c>$time_iso8601</c>, <c>$msec</c> (time); <c>$status</c>; <c>$body_bytes_sent</c>,
/// else <c>$bytes_sent</c> (<c>-</c> is 0); <c>$request_time</c> (seconds); <c>$request</c>; <c>$request_uri</c>,
/// else <c>$uri</c> / <c>$document_uri</c> (section, preferred over <c>$request</c>'s path; a following
/// <c>$is_args$args</c> is read as part of it). Words: <c>$remote_addr $remote_user $remote_port $host
/// $server_name $server_addr $server_port $server_protocol $scheme $request_method $request_length $connection
/// $connection_requests $pid $hostname</c>. Every other variable (<c>$http_*</c>, <c>$upstream_*</c>, unknown
/// ones) is free text, read and skipped. <c>${name}</c> is the same as <c>$name</c>; a <c>$</c> not followed by a
/// name is literal text.
/// </remarks>
internal static class NginxFormat
{
    private const string TimeHint = "nginx needs $time_local, $time_iso8601 or $msec";
    private const string StatusHint = "nginx needs $status";

    public static ILogLineParser Compile(string format, InternTable sections)
    {
        var builder = new TemplateBuilder();
        for (int i = 0; i < format.Length; i++)
        {
            if (!TryVariable(format, i, out string name, out int end))
            {
                builder.Literal(format[i]);
                continue;
            }

            Add(builder, name);
            i = end - 1;
        }

        return builder.Build($"nginx log_format '{format}'", TimeHint, StatusHint, sections);
    }

    /// <summary>True when a variable (<c>$name</c> or <c>${name}</c>) starts at <paramref name="i"/>.</summary>
    public static bool TryVariable(string format, int i, out string name, out int end)
    {
        name = "";
        end = i;
        if (format[i] != '$' || i + 1 == format.Length)
        {
            return false;
        }

        bool braced = format[i + 1] == '{';
        int start = braced ? i + 2 : i + 1;
        int j = start;
        while (j < format.Length && (char.IsAsciiLetterOrDigit(format[j]) || format[j] == '_'))
        {
            j++;
        }

        if (j == start || (braced && (j == format.Length || format[j] != '}')))
        {
            return false;
        }

        name = format[start..j];
        end = braced ? j + 1 : j;
        return true;
    }

    private static void Add(TemplateBuilder builder, string name)
    {
        string shown = "$" + name;
        if (name is "is_args" or "args" or "query_string" && builder.EndsWithPath)
        {
            return;     // $uri$is_args$args: the query is read as part of the path, which Sections cuts at '?'
        }

        switch (name)
        {
            case "time_local": builder.Field(FieldKind.ClfTime, shown); break;
            case "time_iso8601": builder.Field(FieldKind.IsoTime, shown); break;
            case "msec": builder.Field(FieldKind.EpochSeconds, shown); break;
            case "status": builder.Field(FieldKind.Status, shown); break;
            case "body_bytes_sent": builder.Field(FieldKind.Bytes, shown, priority: 0); break;
            case "bytes_sent": builder.Field(FieldKind.Bytes, shown, priority: 1); break;
            case "request_time": builder.Field(FieldKind.DurationSeconds, shown); break;
            case "request": builder.Field(FieldKind.Request, shown); break;
            case "request_uri": builder.Field(FieldKind.Path, shown, priority: 0); break;
            case "uri" or "document_uri": builder.Field(FieldKind.Path, shown, priority: 1); break;
            case "remote_addr": builder.Field(FieldKind.Client, shown); break;
            case "remote_user" or "remote_port" or "host" or "server_name" or "server_addr"
                or "server_port" or "server_protocol" or "scheme" or "request_method" or "request_length"
                or "connection" or "connection_requests" or "pid" or "hostname":
                builder.Field(FieldKind.Token, shown);
                break;
            default: builder.Field(FieldKind.Skip, shown); break;
        }
    }
}
