using System.Text;
using RxLog.Parsing;
using RxLog.Parsing.Templates;
using RxLog.Tests.Support;

namespace RxLog.Tests.Parsing.Templates;

public class LogFormatTemplateTests
{
    private const string NginxCombined =
        "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\"";

    private static readonly LogRecord DocExample = new(LogLines.TimeSeconds, -420, "/apache_pb.gif", 200, 2326, Client: "127.0.0.1");

    private static LogRecord? Parse(string format, string line) =>
        LogFormatTemplate.Compile(format).TryParse(Encoding.UTF8.GetBytes(line), out LogRecord record) ? record : null;

    [Theory]
    [InlineData(NginxCombined)]
    [InlineData("'" + NginxCombined + "'")]
    [InlineData("'$remote_addr - $remote_user [$time_local] \"$request\" '\n    '$status $body_bytes_sent \"$http_referer\" '\n    '\"$http_user_agent\"'")]
    [InlineData("log_format main '$remote_addr - $remote_user [$time_local] \"$request\" '\n  '$status $body_bytes_sent \"$http_referer\" \"$http_user_agent\"';")]
    [InlineData("${remote_addr} - ${remote_user} [${time_local}] \"${request}\" ${status} ${body_bytes_sent}")]
    [InlineData("%h %l %u %t \"%r\" %>s %b")]
    [InlineData("%h %l %u %t \\\"%r\\\" %>s %b \\\"%{Referer}i\\\" \\\"%{User-agent}i\\\"")]
    [InlineData("LogFormat \"%h %l %u %t \\\"%r\\\" %>s %b \\\"%{Referer}i\\\" \\\"%{User-agent}i\\\"\" combined")]
    [InlineData("\"%h %l %u %t \\\"%r\\\" %>s %b\"")]
    [InlineData("%!200h %400,501l %u %{begin:}t \"%r\" %>s %B")]
    public void Pasted_combined_formats_read_the_apache_documentation_line(string format)
    {
        LogRecord? actual = Parse(format, "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326 \"http://www.example.com/start.html\" \"Mozilla/4.08 [en] (Win98; I ;Nav)\"");

        Assert.Equal(DocExample, actual);
    }

    [Theory]
    [InlineData("- 200", null, 200, 0)]
    [InlineData("\\x16\\x03\\x01\\x00 400", null, 400, 0)]
    [InlineData("GET / 200", "/", 200, 0)]
    [InlineData("OPTIONS * HTTP/1.1 200", null, 200, 0)]
    [InlineData("GET /a\\\"b/c HTTP/1.1 200", "/a\\\"b", 200, 0)]
    [InlineData("GET /a\"b/c HTTP/1.1 200", "/a\"b", 200, 0)]
    public void Odd_requests_are_hits_with_the_section_the_clf_parser_gives(string requestAndStatus, string? section, short status, long bytes)
    {
        int cut = requestAndStatus.LastIndexOf(' ');
        string line = $"[{LogLines.Time}] \"{requestAndStatus[..cut]}\" {requestAndStatus[(cut + 1)..]} - \"agent\"";

        LogRecord? actual = Parse("[$time_local] \"$request\" $status $body_bytes_sent \"$http_user_agent\"", line);

        Assert.Equal(new LogRecord(LogLines.TimeSeconds, -420, section, status, bytes), actual);
    }

    [Theory]
    [InlineData("$time_iso8601 $status $uri$is_args$args $request_time", "2000-10-10T13:55:36-07:00 200 /a/b?c=/d 0.250", "/a", 250_000L)]
    [InlineData("$msec $status $scheme://$host$request_uri", "971211336.123 200 https://example.com/x/y", "/x", -1L)]
    [InlineData("%{sec}t %>s %U%q %{ms}T", "971211336 200 /a/b?q 12", "/a", 12_000L)]
    [InlineData("%{msec}t %>s %U %T", "971211336999 200 /a 3", "/a", 3_000_000L)]
    [InlineData("%{usec}t %>s %U %{us}T %D", "971211336000000 200 /a 5 7", "/a", 7L)]
    [InlineData("[%{%d/%b/%Y %T}t.%{msec_frac}t %{%z}t] %>s \"%r\"", "[10/Oct/2000 20:55:36.123 +0000] 200 \"GET /a HTTP/1.1\"", "/a", -1L)]
    public void Time_path_and_duration_come_from_whichever_fields_the_format_has(string format, string line, string section, long micros)
    {
        LogRecord? actual = Parse(format, line);

        Assert.Equal(new LogRecord(LogLines.TimeSeconds, actual?.OffsetMinutes ?? 0, section, 200, 0, micros), actual);
    }

    [Theory]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /a HTTP/1.1\" 200 5", true)]      // Common under Combined
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /a HTTP/1.1\" 200 5 \"-\" \"cut sh", true)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /a HTTP/1.1\" 200 5 \"-\" \"ua\" 0.004 extra", true)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /a HTTP/1.1\" 200 5abc", false)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /a HTTP/1.1\" 2000 5", false)]
    [InlineData("127.0.0.1 - -  [10/Oct/2000:13:55:36 -0700] \"GET /a HTTP/1.1\" 200 5", false)]
    [InlineData("127.0.0.1 -  - [10/Oct/2000:13:55:36 -0700] \"GET /a HTTP/1.1\" 200 5", false)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36] \"GET /a HTTP/1.1\" 200 5", false)]
    [InlineData("127.0.0.1 - - [31/Feb/2000:13:55:36 -0700] \"GET /a HTTP/1.1\" 200 5", false)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /a HTTP/1.1 200 5", false)]
    [InlineData("", false)]
    public void A_line_is_a_record_only_when_it_fits_the_format_up_to_its_last_needed_field(string line, bool isRecord)
    {
        Assert.Equal(isRecord, Parse(NginxCombined, line) is not null);
    }

    [Theory]
    [InlineData("[10/Oct/2000:13:55:36 -0700] 200 \"GET /a HTTP/1.1\" \"cut", "/a")]
    [InlineData("[10/Oct/2000:13:55:36 -0700] 200 \"GET /a HTTP/1.1\"", "/a")]
    [InlineData("[10/Oct/2000:13:55:36 -0700] 200 \"GET /a\" x\" \"ua\"", "/a\"")]
    public void A_request_last_among_the_needed_fields_may_be_followed_by_a_cut_line(string line, string section)
    {
        LogRecord? actual = Parse("[$time_local] $status \"$request\" \"$http_user_agent\"", line);

        Assert.Equal(new LogRecord(LogLines.TimeSeconds, -420, section, 200, 0), actual);
    }

    [Theory]
    [InlineData("%h %l %u %t \"%r\" %>s %b %{X}z", "unsupported Apache LogFormat directive '%{X}z'")]
    [InlineData("%h %Z %t %>s", "unsupported Apache LogFormat directive '%Z'")]
    [InlineData("%h %^xy %t %>s", "unsupported Apache LogFormat directive '%^'")]
    [InlineData("%h \"%r\" %>s %b", "the format has no time field (Apache needs %t or %{format}t)")]
    [InlineData("%h %{SSL_PROTOCOL}x \"%r\" %b", "the format has no time field (Apache needs %t or %{format}t)")]
    [InlineData("$remote_addr [$time_local] \"$request\"", "the format has no status field (nginx needs $status)")]
    [InlineData("%{%H:%M:%S}t %>s", "the format's time fields give no full date (they need a year, a month and a day, or %s)")]
    [InlineData("%{%j}t %>s", "unsupported strftime directive %j in time format '%j' (in Apache LogFormat directive '%{%j}t')")]
    [InlineData("$remote_addr$status [$time_local]", "$remote_addr and $status need literal text between them: nothing shows where $remote_addr ends")]
    [InlineData("   ", "the format is empty")]
    [InlineData("plain text", "the format has neither nginx $variables nor Apache %directives")]
    public void A_format_that_cannot_give_records_is_refused_with_one_line_naming_the_problem(string format, string message)
    {
        var error = Assert.Throws<FormatException>(() => LogFormatTemplate.Compile(format));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void The_format_name_shows_the_dialect_and_the_cleaned_format()
    {
        Assert.Equal(
            ("nginx log_format '$time_local $status'", "Apache LogFormat \"%t \"%r\" %>s\""),
            (LogFormatTemplate.Compile("'$time_local $status'").FormatName, LogFormatTemplate.Compile("%t \\\"%r\\\" %>s").FormatName));
    }

    [Fact]
    public void No_mangled_line_makes_a_template_parser_throw()
    {
        var parsers = new[]
        {
            LogFormatTemplate.Compile(NginxCombined + " $request_time"),
            LogFormatTemplate.Compile("%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\" %D"),
            LogFormatTemplate.Compile("[%{%d/%b/%Y %T}t.%{msec_frac}t %{%z}t] %U%q %>s %{ms}T \"%{User-agent}i\""),
            LogFormatTemplate.Compile("$time_iso8601|$msec|$status|$host$request_uri|$upstream_response_time"),
        };
        byte[] seed = LogLines.Utf8(LogLines.Clf(extra: " \"ref\" \"ua \\\" x\" 0.004 2000-10-10T13:55:36-07:00|971211336.5|200|h/a|1, 2"));
        byte[] alphabet = LogLines.Utf8(" \"\\[]-:/|.0123456789+TZ%?a\0\xff");
        var random = new Random(7);
        int records = 0;
        for (int n = 0; n < 20_000; n++)
        {
            byte[] line = [.. seed];
            for (int k = random.Next(1, 6); k > 0 && line.Length > 0; k--)
            {
                int at = random.Next(line.Length);
                switch (random.Next(3))
                {
                    case 0: line[at] = alphabet[random.Next(alphabet.Length)]; break;
                    case 1: line = line[..at]; break;
                    default: line = [.. line[..at], .. line[Math.Min(line.Length, at + random.Next(1, 30))..]]; break;
                }
            }

            foreach (var parser in parsers)
            {
                records += parser.TryParse(line, out _) ? 1 : 0;
            }
        }

        Assert.InRange(records, 1, 20_000 * parsers.Length);
    }
}
