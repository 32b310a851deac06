using System.Globalization;
using System.Text;
using RxLog.Parsing;
using RxLog.Parsing.Templates;
using RxLog.Tests.Support;

namespace RxLog.Tests.Parsing.Templates;

public class ReorderedFieldsTests
{
    private static readonly string[] ClfLines =
    [
        LogLines.Clf(),
        LogLines.Clf(request: "GET /pages/create?x=/y HTTP/1.1", status: "404", bytes: "-"),
        LogLines.Clf(request: "-", status: "408", bytes: "0", time: "01/Jan/2026:00:00:59 +0000"),
        LogLines.Clf(request: "POST http://my.site.com HTTP/1.1", status: "502", bytes: "17", time: "29/Feb/2024:23:59:59 +0530"),
        LogLines.Clf(request: "GET /a\\\"b/c HTTP/1.1", status: "200", bytes: "5", host: "::1"),
    ];

    [Fact]
    public void A_reordered_nginx_format_with_extra_fields_gives_the_clf_records()
    {
        var parser = LogFormatTemplate.Compile(
            "$time_iso8601 $remote_addr $status \"$request\" $request_time $body_bytes_sent upstream=$upstream_response_time");
        var clf = new CommonLogParser();

        var expected = new List<LogRecord?>();
        var actual = new List<LogRecord?>();
        int i = 0;
        foreach (string line in ClfLines)
        {
            var f = Fields.Of(line);
            string upstream = i % 2 == 0 ? "-" : "0.100, 0.250 : 0.003";
            string custom = $"{f.Time:yyyy-MM-ddTHH:mm:sszzz} {f.Host} {f.Status} \"{f.Request}\" 0.{i:D3} {f.Bytes} upstream={upstream}";
            expected.Add(clf.TryParse(LogLines.Utf8(line), out LogRecord e) ? e with { DurationMicros = i * 1000 } : null);
            actual.Add(parser.TryParse(LogLines.Utf8(custom), out LogRecord a) ? a : null);
            i++;
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void An_apache_format_with_a_strftime_time_and_microseconds_gives_the_clf_records()
    {
        var parser = LogFormatTemplate.Compile("%a [%{%Y-%m-%d %H:%M:%S}t %{%z}t] %D \"%r\" %>s %O %b");
        var clf = new CommonLogParser();

        var expected = new List<LogRecord?>();
        var actual = new List<LogRecord?>();
        int i = 0;
        foreach (string line in ClfLines)
        {
            var f = Fields.Of(line);
            string offset = f.Time.ToString("zzz", CultureInfo.InvariantCulture).Replace(":", "", StringComparison.Ordinal);
            string custom = $"{f.Host} [{f.Time:yyyy-MM-dd HH:mm:ss} {offset}] {i * 1234} \"{f.Request}\" {f.Status} 99999 {f.Bytes}";
            expected.Add(clf.TryParse(LogLines.Utf8(line), out LogRecord e) ? e with { DurationMicros = i * 1234 } : null);
            actual.Add(parser.TryParse(LogLines.Utf8(custom), out LogRecord a) ? a : null);
            i++;
        }

        Assert.Equal(expected, actual);
    }

    // The fields of a CLF line built by LogLines.Clf (no spaces in host, none in the time but the one before the zone).
    private sealed record Fields(string Host, DateTimeOffset Time, string Request, string Status, string Bytes)
    {
        public static Fields Of(string line)
        {
            int open = line.IndexOf('[', StringComparison.Ordinal);
            int close = line.IndexOf(']', StringComparison.Ordinal);
            var time = DateTimeOffset.ParseExact(line[(open + 1)..close], "dd/MMM/yyyy:HH:mm:ss zzz", CultureInfo.InvariantCulture);
            int requestEnd = line.LastIndexOf('"');
            string request = line[(close + 3)..requestEnd];
            string[] tail = line[(requestEnd + 2)..].Split(' ');
            return new Fields(line[..line.IndexOf(' ', StringComparison.Ordinal)], time, request, tail[0], tail[1]);
        }
    }
}
