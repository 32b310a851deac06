using RxLog.Parsing;
using RxLog.Parsing.Templates;
using RxLog.Tests.Support;

namespace RxLog.Tests.Parsing.Templates;

public class RegexLineParserTests
{
    private const string ClfPattern =
        @"^(?<client>\S+) \S+ \S+ \[(?<time>[^\]]+)\] ""(?<request>(?:[^""\\]|\\.)*)"" (?<status>\d{3}) (?<bytes>\d+|-)";

    private static LogRecord? Parse(string pattern, string? timeFormat, string line) =>
        RegexLineParser.Create(pattern, timeFormat).TryParse(LogLines.Utf8(line), out LogRecord record) ? record : null;

    [Theory]
    [InlineData("GET /apache_pb.gif HTTP/1.0", "2326", "/apache_pb.gif", 2326)]
    [InlineData("GET /a/b?x=/y HTTP/1.1", "-", "/a", 0)]
    [InlineData("-", "0", null, 0)]
    [InlineData("GET /a\\\"b/c HTTP/1.1", "1", "/a\\\"b", 1)]
    public void A_clf_like_pattern_gives_the_clf_record(string request, string bytes, string? section, long expectedBytes)
    {
        LogRecord? actual = Parse(ClfPattern, null, LogLines.Clf(request: request, bytes: bytes, extra: " \"ref\" \"ua\""));

        Assert.Equal(new LogRecord(LogLines.TimeSeconds, -420, section, 200, expectedBytes, Client: "127.0.0.1"), actual);
    }

    [Theory]
    [InlineData(@"^(?<time>\S+ \S+) \| (?<status>\d+) \| (?<path>\S+) \| took (?<duration>[\d.]+)s$", "%Y-%m-%d %H:%M:%S",
        "2000-10-10 20:55:36 | 200 | /api/v1/users | took 0.0125s", 0, "/api", 12_500L)]
    [InlineData(@"ts=(?<time>\d+) code=(?<status>\d+) req=""(?<request>[^""]*)""", "epoch",
        "level=info ts=971211336 code=200 req=\"GET http://my.site.com HTTP/1.1\" msg=ok", 0, "http://my.site.com/", -1L)]
    [InlineData(@"^(?<time>\S+)\s+(?<method>\w+)\s+(?<path>\S*)\s+(?<status>\d+)(?:\s+(?<bytes>\d+))?", "iso8601",
        "2000-10-10T13:55:36-07:00 GET  200", -420, null, -1L)]
    public void Weird_lines_give_records_from_their_named_groups(string pattern, string timeFormat, string line, short offset,
        string? section, long micros)
    {
        Assert.Equal(new LogRecord(LogLines.TimeSeconds, offset, section, 200, 0, micros), Parse(pattern, timeFormat, line));
    }

    [Theory]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 2000 5")]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 099 5")]
    [InlineData("127.0.0.1 - - [31/Feb/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 5")]
    [InlineData("not a log line")]
    public void A_line_the_pattern_or_its_fields_reject_is_not_a_record(string line)
    {
        Assert.Null(Parse(ClfPattern.Replace(@"\d{3}", @"\d+", StringComparison.Ordinal), "clf", line));
    }

    [Theory]
    [InlineData("(?<time>\\S+) (?<status>\\d+", "the regex does not compile: ")]
    [InlineData("(?<status>\\d+)", "the regex has no (?<time>…) group")]
    [InlineData("(?<time>\\S+)", "the regex has no (?<status>…) group")]
    public void An_unusable_pattern_is_refused_with_one_line(string pattern, string messageStart)
    {
        var error = Assert.Throws<FormatException>(() => RegexLineParser.Create(pattern, null));

        Assert.StartsWith(messageStart, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Catastrophic_backtracking_makes_the_line_invalid_instead_of_hanging()
    {
        var parser = RegexLineParser.Create(@"^(?<time>(a+)+)b (?<status>\d{3})$", "epoch", TimeSpan.FromMilliseconds(50));
        byte[] line = LogLines.Utf8(new string('a', 40) + "c");

        bool parsed = parser.TryParse(line, out _);     // 2^40 paths: only the 50 ms timeout ends this

        Assert.False(parsed);
    }
}
