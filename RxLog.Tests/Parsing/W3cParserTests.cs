using System.Text;
using RxLog.Parsing;
using RxLog.Parsing.W3c;

namespace RxLog.Tests.Parsing;

/// <summary>W3C extended logs: <c>#Fields:</c> names the columns, directives are ignored, and anything that does not
/// fit the declared columns is an invalid line, never an exception.</summary>
public class W3cParserTests
{
    private const string IisFields =
        "#Fields: date time s-sitename s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status sc-bytes cs-bytes time-taken";

    private const string IisLine =
        "2010-08-15 00:39:30 W3SVC20 67.222.136.138 GET / - 80 - 77.88.25.28 Mozilla/5.0+(compatible;+YandexBot/3.0;++http://yandex.com/bots) 200 0 0 8999 286 376";

    private const long At_2010_08_15_003930 = 1_281_832_770;
    private const long At_2002_05_02_000000 = 1_020_297_600;

    // What a user sees of each line, in file order: a record, or null for an invalid line. Blank lines and
    // directives are left out, as the pipeline ignores them.
    private static List<LogRecord?> Parse(params string[] lines)
    {
        var parser = new W3cParser();
        var seen = new List<LogRecord?>();
        long lineNumber = 0;
        foreach (string line in lines)
        {
            if (ParsedLines.TryParseLine(parser, Encoding.UTF8.GetBytes(line), ++lineNumber, out ParsedLine parsed))
            {
                seen.Add(parsed.Kind == LineKind.Record ? parsed.Record : null);
            }
        }

        return seen;
    }

    private static LogRecord? ParseOne(string fields, string line) => Assert.Single(Parse(fields, line));

    [Fact]
    public void An_iis_line_gives_its_utc_time_section_status_bytes_and_time_taken()
    {
        var actual = Parse("#Software: Microsoft Internet Information Services 7.0", "#Version: 1.0",
            "#Date: 2010-08-15 00:39:30", IisFields, IisLine);

        Assert.Equal([new LogRecord(At_2010_08_15_003930, 0, "/", 200, 8999, 376_000, "77.88.25.28")], actual);
    }

    [Theory]
    [InlineData("#Software: Microsoft Internet Information Services 7.0")]
    [InlineData("#Version: 1.0   // the log file version")]
    [InlineData("#Date: 2010-08-15 00:39:30")]
    [InlineData("#Remark: restarted")]
    [InlineData("#Verson: 1.0")]
    [InlineData("#Time Format: Local")]
    [InlineData("#GMT-Offset: -0800")]
    [InlineData("#Fields:")]
    [InlineData("#")]
    [InlineData("#Fields: date time cs-uri-stem sc-status\r")]
    public void Directives_known_or_not_are_neither_records_nor_invalid(string line)
    {
        var parser = new W3cParser();
        byte[] bytes = Encoding.UTF8.GetBytes(line);

        bool nonBlank = ParsedLines.TryParseLine(parser, bytes, 1, out _);

        Assert.Equal((false, true), (nonBlank, parser.IsDirective(bytes)));
    }

    [Fact]
    public void A_fields_directive_mid_file_changes_the_columns_of_the_lines_after_it()
    {
        var actual = Parse(
            "#Fields: date time cs-uri-stem sc-status",
            "2002-05-02 17:42:15 /a/b 200",
            "#Fields: sc-status sc-bytes time date cs-uri-stem",
            "404 12 17:42:16 2002-05-02 /c/d",
            "2002-05-02 17:42:17 /a/b 200");

        Assert.Equal([
            new LogRecord(At_2002_05_02_000000 + 63_735, 0, "/a", 200, 0),
            new LogRecord(At_2002_05_02_000000 + 63_736, 0, "/c", 404, 12),
            null,
        ], actual);
    }

    [Fact]
    public void Header_blocks_repeated_after_each_restart_are_skipped_between_records()
    {
        string[] block = ["#Software: Microsoft Internet Information Services 7.0", "#Version: 1.0", "#Date: 2010-08-15 00:39:30", IisFields];

        var actual = Parse([.. block, IisLine, .. block, "", IisLine, .. block, .. block, IisLine]);

        Assert.Equal(3, actual.Count(r => r is { Status: 200, Section: "/" }));
        Assert.Equal(3, actual.Count);
    }

    [Fact]
    public void Quoted_values_may_hold_spaces_and_doubled_quotes()
    {
        var actual = ParseOne(
            "#Fields:   date-local time-local   s-ip   cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) cs(Host) sc-status sc-substatus sc-win32-status TimeTakenMS",
            "2012-08-15 17:00:00.675 10.10.28.140 GET /hello/world/6,681965 - 80 - \"173.5.0.0\" \"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_10_1) AppleWebKit/537.36\" - \"hello.example.com\" 404 \" \"\"garbage\"\" w/ spaces \" 0 359");

        Assert.Equal(new LogRecord(1_345_050_000, 0, "/hello", 404, 0, 359_000, "173.5.0.0"), actual);
    }

    [Theory]
    [InlineData("\"2017-06-28\" \"07:26:35\" \"/a b/c\" \"200\" \"\"", "/a b", 0L)]
    [InlineData("\"2017-06-28\"\t\"07:26:35\"\t\"/say \"\"hi\"\"/x\"\t\"200\"\t\"5\"", "/say \"hi\"", 5L)]
    [InlineData("2017-06-28   07:26:35  \"\"  200  -  ", null, 0L)]
    public void Every_value_may_be_quoted_and_separated_by_runs_of_blanks(string line, string? section, long bytes)
    {
        var actual = ParseOne("#Fields: date time cs-uri-stem sc-status sc-bytes", line);

        Assert.Equal(new LogRecord(1_498_634_795, 0, section, 200, bytes), actual);
    }

    [Theory]
    [InlineData("#Fields: date time cs-uri-stem sc-status sc-bytes", "2026-01-01 10:00:05 /a 200 -", 0L)]
    [InlineData("#Fields: date time cs-uri-stem sc-status", "2026-01-01 10:00:05 /a 200", 0L)]
    [InlineData("#Fields: date time cs-uri-stem sc-status bytes", "2026-01-01 10:00:05 /a 200 123", 123L)]
    [InlineData("#Fields: date time cs-uri-stem sc-status bytes sc-bytes", "2026-01-01 10:00:05 /a 200 123 456", 456L)]
    public void Bytes_are_zero_when_unknown(string fields, string line, long bytes)
    {
        Assert.Equal(bytes, ParseOne(fields, line)?.Bytes);
    }

    [Theory]
    [InlineData("#Fields: date time cs-uri-stem sc-status time-taken", "2026-01-01 10:00:05 /a 200 376", 376_000L)]
    [InlineData("#Fields: date time cs-uri-stem sc-status TimeTakenMS", "2026-01-01 10:00:05 /a 200 0", 0L)]
    [InlineData("#Fields: date time cs-uri-stem sc-status time-taken", "2026-01-01 10:00:05 /a 200 0.082", 82_000L)]
    [InlineData("#Fields: date time cs-uri-stem sc-status time-taken", "2026-01-01 10:00:05 /a 200 -", LogRecord.NoDuration)]
    [InlineData("#Fields: date time cs-uri-stem sc-status time-taken", "2026-01-01 10:00:05 /a 200 soon", LogRecord.NoDuration)]
    [InlineData("#Fields: date time cs-uri-stem sc-status", "2026-01-01 10:00:05 /a 200", LogRecord.NoDuration)]
    public void Time_taken_is_milliseconds_unless_written_as_seconds_with_a_decimal_point(string fields, string line, long micros)
    {
        Assert.Equal(micros, ParseOne(fields, line)?.DurationMicros);
    }

    [Theory]
    [InlineData("#Fields: date time cs-uri-stem sc-status", "2026-01-01 10:00:05 /pages/create 200", "/pages", 200)]
    [InlineData("#Fields: date time cs-uri sc-status", "2026-01-01 10:00:05 /api/v1?x=/y 200", "/api", 200)]
    [InlineData("#Fields: date time cs-uri sc-status", "2026-01-01 10:00:05 http://my.site.com/pages/create 200", "http://my.site.com/pages", 200)]
    [InlineData("#Fields: date time cs-uri-stem cs-uri-query sc-status", "2026-01-01 10:00:05 /robots.txt a=/b/c 200", "/robots.txt", 200)]
    [InlineData("#Fields: date time cs-uri cs-uri-stem sc-status", "2026-01-01 10:00:05 /x/y?q /stem/z 200", "/stem", 200)]
    [InlineData("#Fields: date time cs-uri-stem sc-status", "2026-01-01 10:00:05 - 200", null, 200)]
    [InlineData("#Fields: date time cs-uri-stem sc-status", "2026-01-01 10:00:05 anonymous 331", null, 331)]
    [InlineData("#Fields: date time sc-status", "2026-01-01 10:00:05 200", null, 200)]
    public void The_section_comes_from_the_uri_stem_or_else_the_full_uri(string fields, string line, string? section,
        short status)
    {
        Assert.Equal(new LogRecord(1_767_261_605, 0, section, status, 0), ParseOne(fields, line));
    }

    [Theory]
    [InlineData("17:00:00.363", 61_200)]
    [InlineData("17:00:00.999999", 61_200)]
    [InlineData("23:59:59", 86_399)]
    [InlineData("00:00:00", 0)]
    public void Fractions_of_a_second_are_dropped(string time, long secondOfDay)
    {
        var actual = ParseOne("#Fields: date time sc-status", $"2002-05-02 {time} 200");

        Assert.Equal(At_2002_05_02_000000 + secondOfDay, actual?.Second);
    }

    [Theory]
    [InlineData("#Date: 2002-05-02 17:42:15")]
    [InlineData("#Date: 2002-05-02 17:42:15  // when the first log file entry was recorded")]
    [InlineData("#Date: 02/May/2002 17:42:15")]
    [InlineData("#Start-Date: 2002-05-02 00:00:00.128")]
    public void Without_a_date_column_the_date_directive_gives_the_day(string date)
    {
        var actual = Parse(date, "#Fields: time c-ip cs-method cs-uri-stem sc-status", "17:42:15 1.1.1.1 [3]sent /user/test.c 226");

        Assert.Equal([new LogRecord(At_2002_05_02_000000 + 63_735, 0, "/user", 226, 0, Client: "1.1.1.1")], actual);
    }

    [Fact]
    public void A_later_date_directive_moves_time_only_lines_to_its_day()
    {
        var actual = Parse("#Date: 2002-05-02 17:42:15", "#Fields: time sc-status", "17:42:15 200",
            "#Date: 2002-05-03 00:00:01", "#Fields: time sc-status", "17:42:15 200",
            "#Date: yesterday", "17:42:15 200");

        Assert.Equal([At_2002_05_02_000000 + 63_735, At_2002_05_02_000000 + 86_400 + 63_735, null],
            actual.Select(r => r?.Second));
    }

    [Fact]
    public void Time_only_lines_move_to_the_next_day_at_midnight_but_late_lines_stay_before_it()
    {
        var actual = Parse("#Date: 2002-05-02 23:59:50", "#Fields: time sc-status",
            "23:59:49 200", "23:59:59 200", "00:00:01 200", "23:59:58 200", "00:00:02 200", "13:00:00 200", "23:30:00 200", "00:10:00 200");

        Assert.Equal([-11L, -1, 1, -2, 2, 13 * 3_600, 84_600, 86_400 + 600], actual.Select(r => r!.Value.Second - (At_2002_05_02_000000 + 86_400)));
    }

    [Theory]
    [InlineData("2002-05-02 17:42:15 /a")]                  // fewer values than fields
    [InlineData("2002-05-02 17:42:15 /a 200 5")]            // more values than fields
    [InlineData("2002-05-02 17:42:15 \"/a 200")]            // unterminated quote
    [InlineData("2002-05-02 17:42:15 /a \"200")]
    [InlineData("2002-05-02 17:42:15 /a -")]                // no status
    [InlineData("2002-05-02 17:42:15 /a \"\"")]
    [InlineData("2002-05-02 17:42:15 /a 99")]
    [InlineData("2002-05-02 17:42:15 /a 2000")]
    [InlineData("2002-05-02 17:42:15 /a 2x0")]
    [InlineData("2002-05-02 17:42:15 /a 099")]
    [InlineData("2002-05-02 25:00:00 /a 200")]              // bad times
    [InlineData("2002-05-02 17:42 /a 200")]
    [InlineData("2002-05-02 17:42:15. /a 200")]
    [InlineData("2002-05-02 17:42:15Z /a 200")]
    [InlineData("2002-05-02 - /a 200")]
    [InlineData("2002-02-30 17:42:15 /a 200")]              // bad dates
    [InlineData("02-05-2002 17:42:15 /a 200")]
    [InlineData("2002-13-02 17:42:15 /a 200")]
    [InlineData("- 17:42:15 /a 200")]                       // no date, and no #Date to fall back on
    public void A_line_that_does_not_fit_the_fields_is_invalid(string line)
    {
        Assert.Equal([null], Parse("#Fields: date time cs-uri-stem sc-status", line));
    }

    [Fact]
    public void A_data_line_before_any_fields_directive_is_invalid()
    {
        Assert.Equal([null], Parse("#Software: Microsoft Internet Information Services 7.0", IisLine));
    }

    [Fact]
    public void Fields_without_a_time_or_a_status_make_every_line_invalid()
    {
        var actual = Parse("#Date: 2003-11-18 00:28:33", "#Fields: date c-ip cs-uri-stem cs-bytes",
            "2003-11-18 192.168.1.101 /Default.htm 100",
            "#Fields: date time action protocol",
            "2004-09-03 07:11:54 OPEN UDP");

        Assert.Equal([null, null], actual);
    }

    [Fact]
    public void A_crlf_line_parses_when_its_carriage_return_is_still_there()
    {
        var parser = new W3cParser();
        parser.TryParse(Encoding.UTF8.GetBytes(IisFields + "\r"), out _);

        Assert.True(parser.TryParse(Encoding.UTF8.GetBytes(IisLine + "\r"), out LogRecord record));
        Assert.Equal(376_000, record.DurationMicros);
    }

    [Theory]
    [InlineData("#Software: Microsoft Internet Information Services 8.5", true)]
    [InlineData("#Version: 1.0", true)]
    [InlineData("#fields: date time", true)]
    [InlineData("#Date: 28/Jun/2017 07:28:59", true)]
    [InlineData("#Start-Date: 2001-10-31 00:00:18", true)]
    [InlineData("#Remark: hello", true)]
    [InlineData("\uFEFF#Software: IIS", true)]
    [InlineData("#Verson: 1.0", false)]
    [InlineData("# Fields: date", false)]
    [InlineData("#Software", false)]
    [InlineData("127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 2326", false)]
    [InlineData("{\"time\":\"2026-01-01T10:00:05Z\"}", false)]
    [InlineData("", false)]
    public void Looks_like_w3c_recognises_the_header_directives(string line, bool expected)
    {
        Assert.Equal(expected, W3cParser.LooksLikeW3c(Encoding.UTF8.GetBytes(line)));
    }

    [Fact]
    public void Too_many_fields_leave_the_layout_undefined_and_lines_invalid()
    {
        string names = string.Join(' ', Enumerable.Range(0, W3cFields.MaxColumns + 1).Select(i => $"x{i}"));
        string values = string.Join(' ', Enumerable.Range(0, W3cFields.MaxColumns + 1).Select(_ => "1"));

        var actual = Parse("#Fields: date time sc-status " + names, "2002-05-02 17:42:15 200 " + values);

        Assert.Equal([null], actual);
    }

    [Fact]
    public void Random_bytes_truncations_and_huge_lines_never_throw()
    {
        var random = new Random(20260101);
        var parser = new W3cParser();
        byte[] fields = Encoding.UTF8.GetBytes(IisFields);
        byte[] good = Encoding.UTF8.GetBytes(IisLine);
        byte[] alphabet = " \t\"-#:0123456789/.abc"u8.ToArray();
        int records = 0;

        for (int round = 0; round < 2_000; round++)
        {
            parser.TryParse(fields, out _);
            for (int cut = 0; cut < good.Length; cut += 7)
            {
                parser.TryParse(good.AsSpan(0, cut), out _);
            }

            byte[] noise = new byte[random.Next(0, 300)];
            if (round % 2 == 0)
            {
                random.NextBytes(noise);
            }
            else
            {
                for (int i = 0; i < noise.Length; i++) noise[i] = alphabet[random.Next(alphabet.Length)];
            }

            parser.TryParse(noise, out _);
            parser.IsDirective(noise);
            byte[] mutated = (byte[])good.Clone();
            mutated[random.Next(mutated.Length)] = alphabet[random.Next(alphabet.Length)];
            parser.TryParse(mutated, out _);
            records += parser.TryParse(good, out _) ? 1 : 0;
        }

        byte[] huge = Encoding.UTF8.GetBytes("#Fields: " + string.Concat(Enumerable.Repeat("date ", 100_000)));
        parser.TryParse(huge, out _);
        bool hugeData = parser.TryParse(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("\"a\" ", 100_000))), out _);

        Assert.Equal((2_000, false), (records, hugeData));    // and the good line still parses after all that noise
    }
}
