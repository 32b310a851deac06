using RxLog.Parsing;
using RxLog.Parsing.W3c;

namespace RxLog.Tests.Parsing;

/// <summary>The W3C parser on the real IIS logs and the W3C oddities collected in <c>shared/data/</c> (each folder's
/// SOURCE.txt says where they come from).</summary>
public class W3cRealLogTests
{
    [Theory]
    // IIS 7.0, CRLF, a header block after every worker restart (16,432 directive lines).
    [InlineData("iis_waikolai_2009_2011/u_ex_W3SVC20_all.log.gz", 22_308, 0, 16_432)]
    [InlineData("iis_waikolai_2009_2011/u_ex091107.log", 352, 0, 60)]
    // IIS 8.5 without sc-bytes (bytes are 0), IPv6 clients, WebDAV verbs.
    [InlineData("iis_webknowit_2015_2016/u_ex_W3SVC1_all.log.gz", 14_318, 0, 16_752)]
    [InlineData("iis_webknowit_2015_2016/u_ex_W3SVC2_all.log.gz", 64_619, 0, 924)]
    [InlineData("iis_webknowit_2015_2016/u_ex160110_W3SVC1.log", 28, 0, 100)]
    // HTTP.sys: "// comment" after the #Version and #Date values.
    [InlineData("lnav_test_logs/logfile_w3c.0", 1, 0, 4)]
    // Oracle Web Cache: columns two or more blanks apart, quoted cookie, referrer and agent, cs-uri and bytes.
    [InlineData("lnav_test_logs/logfile_w3c.1", 1, 0, 6)]
    // IIS FTP: no date column (the #Date of each block gives the day), commands like "[2]USER" in cs-method.
    [InlineData("lnav_test_logs/logfile_w3c.2", 14, 0, 8)]
    // IIS Advanced Logging: blank lines between directives, date-local/time-local with milliseconds, quoted values.
    [InlineData("lnav_test_logs/logfile_w3c.3", 3, 0, 7)]
    // Incapsula: every value quoted. The second line's sc-status is "" (the server closed the connection), so it
    // is invalid; the first line's cs-uri "www.example.com/page.php" has neither scheme nor leading '/', so it is a
    // hit without a section.
    [InlineData("lnav_test_logs/logfile_w3c.4", 1, 1, 4)]
    // #Fields names 6 columns and the line has 17 values.
    [InlineData("lnav_test_logs/logfile_w3c.5", 0, 1, 1)]
    // Invalid UTF-8 in the user agent: only the section is decoded, and it is ASCII.
    [InlineData("lnav_test_logs/logfile_w3c.6", 1, 0, 4)]
    [InlineData("lnav_test_logs/logfile_w3c_big.0", 210, 0, 44)]
    // IIS native format (comma-separated, not W3C): no #Fields, so every line is invalid.
    [InlineData("w3c_iis_logparser_samples/ex010320.log", 0, 2, 0)]
    // #Fields: date c-ip cs-uri-stem cs-bytes: no time and no status, so no line is a record (one also lacks a value).
    [InlineData("w3c_iis_logparser_samples/ex031118.log", 0, 4, 4)]
    // #Fields as the only directive, 1996 dates.
    [InlineData("w3c_iis_logparser_samples/ex960101.log", 5, 0, 1)]
    // Windows Firewall log in W3C syntax ("#Verson" typo, "#Time Format: Local", a blank line): not HTTP, no status.
    [InlineData("w3c_iis_logparser_samples/pf040903.log", 0, 4, 5)]
    [InlineData("w3c_iis_logparser_samples/u_ex100815.log", 16, 0, 40)]
    [InlineData("w3c_iis_logparser_samples/u_ex160110.log", 28, 0, 100)]
    public void A_real_w3c_log_gives_the_known_numbers_of_records_invalid_and_ignored_lines(string file, int records,
        int invalid, int ignored)
    {
        var hits = ParseAll(file);

        Assert.Equal((records, invalid, ignored),
            (hits.Count(h => h is not null), hits.Count(h => h is null), Lines(SharedData.ReadAllBytes(file)).Count() - hits.Count));
    }

    [Fact]
    public void The_waikolai_log_runs_in_order_over_the_span_its_source_gives()
    {
        var hits = ParseAll("iis_waikolai_2009_2011/u_ex_W3SVC20_all.log.gz");
        var seconds = hits.Select(h => h!.Value.Second).ToList();

        // 2009-08-17 05:30:52 .. 2011-01-07 19:26:12 UTC (SOURCE.txt)
        Assert.Equal((1_250_487_052L, 1_294_428_372L, true), (seconds[0], seconds[^1], seconds.SequenceEqual(seconds.Order())));
    }

    [Fact]
    public void The_webknowit_log_has_no_bytes_but_has_times_taken()
    {
        var hits = ParseAll("iis_webknowit_2015_2016/u_ex_W3SVC1_all.log.gz");

        Assert.Equal((0L, true), (hits.Sum(h => h!.Value.Bytes), hits.All(h => h!.Value.HasDuration)));
    }

    [Fact]
    public void Ftp_lines_without_a_date_column_take_the_day_of_their_header_block()
    {
        var hits = ParseAll("lnav_test_logs/logfile_w3c.2");

        // 2000-10-09 16:44:49 (first block) and 2000-10-10 16:48:05 (last line, second block) UTC
        Assert.Equal((971_109_889L, 971_196_485L), (hits[0]!.Value.Second, hits[^1]!.Value.Second));
    }

    [Fact]
    public void Advanced_logging_lines_keep_their_quoted_agents_out_of_the_columns()
    {
        var hits = ParseAll("lnav_test_logs/logfile_w3c.3");

        Assert.Equal([("/Products", 200, 109_000L), ("/Topic", 301, 0L), ("/hello", 404, 359_000L)],
            hits.Select(h => (h!.Value.Section, (int)h.Value.Status, h.Value.DurationMicros)));
    }

    [Fact]
    public void Parsing_iis_lines_already_seen_allocates_nothing()
    {
        byte[] log = SharedData.ReadAllBytes("iis_waikolai_2009_2011/u_ex_W3SVC20_all.log.gz");
        var lines = Lines(log).Select(line => (ReadOnlyMemory<byte>)log.AsMemory(line)).ToArray();

        Assert.Equal((22_308, 0L), ParserAllocation.OfThirdPass(new W3cParser(), lines));
    }

    // Every line the pipeline does not ignore: a record, or null for an invalid line.
    private static List<LogRecord?> ParseAll(string file)
    {
        byte[] log = SharedData.ReadAllBytes(file);
        var parser = new W3cParser();
        var hits = new List<LogRecord?>();
        long lineNumber = 0;
        foreach (Range line in Lines(log))
        {
            if (ParsedLines.TryParseLine(parser, log.AsSpan(line), ++lineNumber, out ParsedLine parsed))
            {
                hits.Add(parsed.Kind == LineKind.Record ? parsed.Record : null);
            }
        }

        return hits;
    }

    // The file's lines without their '\n' (a last line without one included).
    private static IEnumerable<Range> Lines(byte[] log)
    {
        for (int start = 0; start < log.Length;)
        {
            int newline = Array.IndexOf(log, (byte)'\n', start);
            int end = newline < 0 ? log.Length : newline;
            yield return start..end;
            start = end + 1;
        }
    }
}
