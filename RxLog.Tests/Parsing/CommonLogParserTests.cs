using System.Text;
using RxLog.Parsing;
using RxLog.Tests.Support;

namespace RxLog.Tests.Parsing;

public class CommonLogParserTests
{
    private static LogRecord? Parse(string line) => Parse(Encoding.UTF8.GetBytes(line));

    private static LogRecord? Parse(byte[] line) =>
        new CommonLogParser().TryParse(line, out LogRecord record) ? record : null;

    [Fact]
    public void The_apache_documentation_example_is_a_record()
    {
        LogRecord? actual = Parse("127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326");

        Assert.Equal(new LogRecord(971_211_336, -420, "/apache_pb.gif", 200, 2326, Client: "127.0.0.1"), actual);
    }

    [Theory]
    [InlineData("127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326 \"http://www.example.com/start.html\" \"Mozilla/4.08 [en] (Win98; I ;Nav)\"", "/apache_pb.gif", 200, 2326)]
    [InlineData("83.149.9.216 - - [10/Oct/2000:13:55:36 -0700] \"GET /presentations/logstash-monitorama-2013/images/kibana-search.png HTTP/1.1\" 200 203023 \"http://semicomplete.com/presentations/logstash-monitorama-2013/\" \"Mozilla/5.0\"", "/presentations", 200, 203023)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /a/b HTTP/1.1\" 304 -", "/a", 304, 0)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /a/b HTTP/1.1\" 304 - \"-\" \"agent\"", "/a", 304, 0)]
    [InlineData("2001:4802:7801:102:8bee:6e66:ff20:1b37 - - [10/Oct/2000:13:55:36 -0700] \"GET /downloads/product_2 HTTP/1.1\" 200 85619205 \"-\" \"Chef Client\"", "/downloads", 200, 85_619_205)]
    [InlineData("::1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 5", "/", 200, 5)]
    [InlineData("piweba3y.prodigy.com - - [10/Oct/2000:13:55:36 -0700] \"GET /shuttle/countdown/ HTTP/1.0\" 200 3985", "/shuttle", 200, 3985)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET http://my.site.com/pages/create HTTP/1.1\" 200 1", "http://my.site.com/pages", 200, 1)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET http://my.site.com HTTP/1.1\" 200 1", "http://my.site.com/", 200, 1)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /twiki/bin/view/Main?topicparent=Main.WebHome&x=/y HTTP/1.1\" 200 1", "/twiki", 200, 1)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /?a=1 HTTP/1.1\" 200 1", "/", 200, 1)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"-\" 408 0", null, 408, 0)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"\\x16\\x03\\x01\\x00\\xa5\\x01\\x00\\x00\\xa1\\x03\\x03\" 400 226", null, 400, 226)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /\" 200 7", "/", 200, 7)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /shuttle/missions/sts-69/mission-sts-69.htm\" 200 7", "/shuttle", 200, 7)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET\" 400 0", null, 400, 0)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"\" 400 0", null, 400, 0)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"OPTIONS * HTTP/1.1\" 200 0", null, 200, 0)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"CONNECT host:443 HTTP/1.1\" 405 0", null, 405, 0)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /a\\\"b/c HTTP/1.1\" 200 1", "/a\\\"b", 200, 1)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /a\\\\\" 200 1", "/a\\\\", 200, 1)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /a\\x22b/c HTTP/1.1\" 200 1", "/a\\x22b", 200, 1)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /a/b HTTP/1.1\\\" 200 1\" 200 2", "/a", 200, 2)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /a\"b/c HTTP/1.1\" 200 3 \"ref\" \"ua\"", "/a\"b", 200, 3)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /\u0645\u06AF/x HTTP/1.1\" 200 3", "/\u0645\u06AF", 200, 3)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /\u001b[2J\u001b[Hpwn HTTP/1.1\" 200 3", "/\u001b[2J\u001b[Hpwn", 200, 3)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /a\0b HTTP/1.1\" 200 3", "/a\0b", 200, 3)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /a HTTP/1.1\" 599 3", "/a", 599, 3)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /a HTTP/1.1\" 101 999999999999999999", "/a", 101, 999_999_999_999_999_999)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /a HTTP/1.1\" 200 3\r", "/a", 200, 3)]
    public void A_valid_line_gives_its_section_status_and_bytes(string line, string? section, short status, long bytes)
    {
        string client = line[..line.IndexOf(' ')];     // the first field, IPv6 and host names included
        Assert.Equal(new LogRecord(LogLines.TimeSeconds, -420, section, status, bytes, Client: client), Parse(line));
    }

    // The response-time variants: nginx's $request_time (seconds.millis) or "rt=…" last, Apache's %D (microseconds).
    [Theory]
    [InlineData(" \"-\" \"curl/8.0\" www.example.com 0.004", 4_000)]
    [InlineData(" \"-\" \"curl/8.0\" 12.5", 12_500_000)]
    [InlineData(" \"-\" \"curl/8.0\" rt=0.120 uct=\"0.000\" uht=\"0.100\" urt=\"0.100\"", 120_000)]
    [InlineData(" \"-\" \"curl/8.0\" uct=\"0.000\" rt=0.120", 120_000)]
    [InlineData(" \"-\" \"curl/8.0\" request_time=0.5", 500_000)]
    [InlineData(" 1234", 1_234)]
    [InlineData(" \"-\" \"Mozilla/5.0 (X11; Linux 5.0)\"", -1)]
    [InlineData(" \"-\" \"curl/8.0\" -", -1)]
    [InlineData(" \"-\" \"curl/8.0\" 1e3", -1)]
    [InlineData("", -1)]
    public void A_response_time_at_the_end_of_the_line_is_read(string tail, long micros)
    {
        var record = Parse("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /a/b HTTP/1.1\" 200 12" + tail);

        Assert.Equal(new LogRecord(LogLines.TimeSeconds, -420, "/a", 200, 12, micros, "127.0.0.1"), record);
    }

    [Fact]
    public void The_vhost_variant_reads_a_virtual_host_before_the_client()
    {
        const string line = "localhost:443 178.20.184.42 1j0vhgd jsmith [10/Oct/2000:13:55:36 -0700] \"GET /secure/x HTTP/2.0\" 200 17163 \"-\" \"Mozilla/5.0\" 116075";

        Assert.True(CommonLogParser.WithVirtualHost().TryParse(Encoding.UTF8.GetBytes(line), out var record));
        Assert.Equal(new LogRecord(LogLines.TimeSeconds, -420, "/secure", 200, 17163, 116_075, "178.20.184.42"), record);
        Assert.False(new CommonLogParser().TryParse(Encoding.UTF8.GetBytes(line), out _));
    }

    [Theory]
    [InlineData("127.0.0.1 - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 5")]
    [InlineData("127.0.0.1 [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 5")]
    [InlineData("[10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 5")]
    [InlineData("www.example.com:80 127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 5")]
    [InlineData("127.0.0.1  - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 5")]
    [InlineData("127.0.0.1 - -  [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 5")]
    [InlineData(" 127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 5")]
    [InlineData("127.0.0.1 - - 10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 5")]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700 \"GET / HTTP/1.0\" 200 5")]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36] \"GET / HTTP/1.0\" 200 5")]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700]\"GET / HTTP/1.0\" 200 5")]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] GET / HTTP/1.0 200 5")]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0 200 5")]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\\\" 200 5")]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 20 5")]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 2000 5")]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" abc 5")]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 099 5")]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" - 5")]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 2\u00000 5")]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200")]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 ")]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 12a")]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 --")]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 12\t\"-\"")]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 1234567890123456789")]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\"  200 5")]
    [InlineData("127.0.0.1 - - [10/Foo/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 5")]
    [InlineData("127.0.0.1 - - [31/Feb/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 5")]
    [InlineData("127.0.0.1 - - [10/Oct/2000:25:61:00 -0700] \"GET / HTTP/1.0\" 200 5")]
    [InlineData("127.0.0.1 - - [1/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 5")]
    [InlineData("133.43.96.45 - - [01/Aug/199")]
    [InlineData("5:00:01:39 -0400] \"GET /shuttle/countdown/video/livevideo.jpeg HTTP/1.0\" 200 45966")]
    [InlineData("miriwo")]
    [InlineData("\0\0\0\0")]
    [InlineData("")]
    [InlineData("#Fields: date time cs-uri-stem")]
    public void A_malformed_line_is_not_a_record(string line)
    {
        Assert.Null(Parse(line));
    }

    [Fact]
    public void Non_utf8_bytes_in_the_path_still_give_a_record_with_replacement_characters()
    {
        byte[] line = [.. LogLines.Utf8("1.2.3.4 - - [" + LogLines.Time + "] \"GET /caf"), 0xE9, .. LogLines.Utf8("/x"), 0xFF, .. LogLines.Utf8(" HTTP/1.1\" 200 5")];

        Assert.Equal(new LogRecord(LogLines.TimeSeconds, -420, "/caf\uFFFD", 200, 5, Client: "1.2.3.4"), Parse(line));
    }

    [Theory]
    [InlineData("- - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 5", null)]
    [InlineData("10.0.0.7 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 5", "10.0.0.7")]
    [InlineData("\u001b]0;x\u0007 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 5", "\u001b]0;x\u0007")]
    public void The_client_is_the_first_field_kept_as_written_and_dash_means_unknown(string line, string? client)
    {
        Assert.Equal(client, Parse(line)?.Client);
    }

    [Fact]
    public void Equal_clients_are_the_same_string_instance()
    {
        var parser = new CommonLogParser();
        parser.TryParse(LogLines.Utf8("10.1.1.1 - - [" + LogLines.Time + "] \"GET /a HTTP/1.1\" 200 1"), out var first);
        parser.TryParse(LogLines.Utf8("10.1.1.1 - - [" + LogLines.Time + "] \"GET /b HTTP/1.1\" 200 1"), out var second);

        Assert.Same(first.Client, second.Client);
    }

    [Fact]
    public void Equal_sections_are_the_same_string_instance()
    {
        var parser = new CommonLogParser();
        parser.TryParse(LogLines.Utf8(LogLines.Clf(request: "GET /pages/a HTTP/1.1")), out LogRecord first);
        parser.TryParse(LogLines.Utf8(LogLines.Clf(request: "GET /pages/b HTTP/1.1")), out LogRecord second);

        Assert.Same(first.Section, second.Section);
    }

    [Fact]
    public void Format_name_says_which_format_is_expected()
    {
        Assert.Equal("Common/Combined Log Format", new CommonLogParser().FormatName);
    }
}
