using System.Globalization;
using System.Text;
using System.Text.Json;
using RxLog.Cli;
using RxLog.Tests.Parsing;
using RxLog.Tests.Support;

namespace RxLog.Tests.EndToEnd;

/// <summary>BAD-INPUTS.md through <c>rxlog check</c>, end to end in process: every item that applies to Common/Combined
/// Log Format, as byte recipes in temp files and as the real fixtures in <c>shared/data/</c>. Each input runs with
/// <c>--json</c> (counts from the summary) and plain (the text a terminal would get, which must hold no control
/// character from the log). Long because it is the catalogue: one row or test per item.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Runs <c>check FILE --json</c> and <c>check FILE</c> on <paramref name="input"/> and asserts what holds
    /// for every input: same exit code both ways, JSON lines only, no control characters on the plain stdout or on
    /// stderr, at most one stderr line.</summary>
    private async Task<(CliResult Json, CliResult Plain)> CheckAsync(byte[] input, params string[] options)
    {
        string path = _dir.File("input.log");
        File.WriteAllBytes(path, input);
        return await CheckFileAsync(path, options);
    }

    private static async Task<(CliResult Json, CliResult Plain)> CheckFileAsync(string path, params string[] options)
    {
        var json = await CliRunner.RunAsync(["check", path, "--json", .. options]);
        var plain = await CliRunner.RunAsync(["check", path, .. options]);

        Assert.Equal(json.Code, plain.Code);
        foreach (string line in json.OutLines)
        {
            JsonDocument.Parse(line).Dispose();
        }

        Assert.Equal("summary", json.Summary.GetProperty("type").GetString());
        CliAssert.NoControlCharacters(plain.Out);
        CliAssert.NoControlCharacters(plain.Err);
        CliAssert.NoControlCharacters(json.Err);
        Assert.True(CliResult.WithoutDetectionNotice(plain.Err).Count(c => c == '\n') <= 1, plain.Err);
        return (json, plain);
    }

    /// <summary>Exit code and counts as CONTRACT.md has them: 2 for invalid lines and no record, else 0 (no alerts here).</summary>
    private static void AssertCounts(CliResult json, long hits, long invalid)
    {
        int code = hits == 0 && invalid > 0 ? ExitCodes.Usage : ExitCodes.Ok;
        Assert.Equal(
            (code, hits, invalid),
            (json.Code, json.Summary.GetProperty("hits").GetInt64(), json.Summary.GetProperty("invalid").GetInt64()));
    }

    /// <summary>The section names of every report, in output order.</summary>
    private static List<string> Sections(CliResult json) =>
        json.OutLines.Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("type").GetString() == "report")
            .SelectMany(e => e.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("section").GetString()!))
            .ToList();

    private static List<JsonElement> Events(CliResult json, string type) =>
        json.OutLines.Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.GetProperty("type").GetString() == type).ToList();

    private static string Ua(string agent) => $" \"-\" \"{agent}\"";

    public static TheoryData<string, byte[], int, int> Recipes => new()
    {
        { "B1 CSI in the path", CliBytes.WithPath("/\u001b[2J\u001b[Hpwn"), 1, 0 },
        { "B2 OSC title, clipboard and hyperlink in the agent", CliBytes.WithPath("/a", extra: Ua(
            "Mozilla \u001b]0;owned\u0007 \u001b]52;c;ZWNobyBoaQ==\u0007 \u001b]8;;http://evil\u0007click\u001b]8;;\u0007 x")), 1, 0 },
        { "B2 OSC title in the path", CliBytes.WithPath("/\u001b]0;owned\u0007x"), 1, 0 },
        { "B3 unterminated OSC ending a record", CliBytes.Of(CliBytes.WithPath("/a\u001b]8;;http://evil"), CliBytes.Good(1)), 2, 0 },
        { "B3 unterminated OSC as a junk line", CliBytes.Of("\u001b]8;;http://evil\n", CliBytes.Good(1)), 1, 1 },
        { "B4 raw byte 0x9B", CliBytes.WithPath(CliBytes.Of("/", new byte[] { 0x9B }, "2J")), 1, 0 },
        { "B4 UTF-8 C2 9B", CliBytes.WithPath("/\u009b2J"), 1, 0 },
        { "B5 CR inside the path", CliBytes.WithPath("/ok\r/ADMIN-LOGIN-SUCCESS"), 1, 0 },
        { "B5 backspaces inside the path", CliBytes.WithPath("/ok\b\b\bADMIN"), 1, 0 },
        { "B5 every C0 control in the agent", CliBytes.WithPath("/a", extra: Ua(new string(Enumerable.Range(1, 31)
            .Where(c => c != '\n' && c != '"').Select(c => (char)c).ToArray()) + " x")), 1, 0 },
        { "B6 U+202E in the path", CliBytes.WithPath("/user/\u202Egnp.exe"), 1, 0 },
        { "B6 U+2066 isolate in the path", CliBytes.WithPath("/\u2066x\u2069/y"), 1, 0 },
        { "B7 a forged alert line is invalid", CliBytes.Of(CliBytes.Good(0),
            "High traffic generated an alert - hits = 99.00, triggered at 2026-01-01T00:00:05+00:00\n", CliBytes.Good(1)), 2, 1 },
        { "B7 an escaped newline in the request", CliBytes.WithPath(@"/a\nHigh"), 1, 0 },
        { "B8 lone 0xFF", CliBytes.WithPath(CliBytes.Of("/a", new byte[] { 0xFF }, "b")), 1, 0 },
        { "B8 overlong C0 AF", CliBytes.WithPath(CliBytes.Of("/", new byte[] { 0xC0, 0xAF }, "etc")), 1, 0 },
        { "B8 surrogate ED A0 80", CliBytes.WithPath(CliBytes.Of("/", new byte[] { 0xED, 0xA0, 0x80 }, "x")), 1, 0 },
        { "B8 sequence cut at the end of the line", CliBytes.Of(CliLogs.Line(CliLogs.T0) + " \"-\" \"agent",
            new byte[] { 0xE2, 0x82 }, "\n"), 1, 0 },
        { "B8 sequence cut at the end of the file", CliBytes.Of(CliBytes.Good(0), CliLogs.Line(CliLogs.T0.AddSeconds(1)),
            " \"-\" \"agent", new byte[] { 0xE2, 0x82 }), 2, 0 },
        { "B9 NUL inside the path", CliBytes.WithPath(CliBytes.Of("/a", new byte[] { 0 }, "b")), 1, 0 },
        { "B9 a short NUL-only line", CliBytes.Of(new byte[] { 0, 0, 0, (byte)'\n' }, CliBytes.Good(1)), 1, 1 },
        { "B9 a 64 KiB NUL-only line", CliBytes.Of(CliBytes.Repeat(0, 64 * 1024), "\n", CliBytes.Good(1)), 1, 1 },
        { "B9 a 2 MB NUL hole before a line", CliBytes.Of(CliBytes.Good(0), CliBytes.Repeat(0, 2 << 20), CliBytes.Good(1),
            CliBytes.Good(2)), 2, 1 },
        { "B10 a 1 MB line, then good lines", CliBytes.Of(CliBytes.Repeat((byte)'a', 1 << 20), "\n", CliBytes.Good(0),
            CliBytes.Good(1)), 2, 1 },
        { "B10 a 1 MB line ending the file without newline", CliBytes.Of(CliBytes.Good(0), CliBytes.Repeat((byte)'a', 1 << 20)),
            1, 1 },
        { "B10 a 1 MB record", CliBytes.WithPath("/big", extra: " " + new string('x', 1 << 20)), 0, 1 },
        { "B11 bytes '-'", CliBytes.Of(LogLines.Clf(bytes: "-") + "\n"), 1, 0 },
        { "B11 request '-'", CliBytes.Of(LogLines.Clf(request: "-", status: "400", bytes: "0") + "\n"), 1, 0 },
        { "B11 HTTP/0.9 request without protocol", CliBytes.Of(LogLines.Clf(request: "GET /") + "\n"), 1, 0 },
        { "B11 two fields before the time", CliBytes.Of("127.0.0.1 frank [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 1\n",
            CliBytes.Good(1)), 1, 1 },
        { "B11 a record torn in two", CliBytes.Of(CliBytes.Good(0)[..40], "\n", CliBytes.Good(0)[40..], CliBytes.Good(1)), 1, 2 },
        { "B11 a truncated last line", CliBytes.Of(CliBytes.Good(0), CliBytes.Good(1)[..30]), 1, 1 },
        { "B12 Apache-escaped quote", CliBytes.Of(LogLines.Clf(request: "GET /a\\\"b HTTP/1.1") + "\n"), 1, 0 },
        { "B12 escaped backslash before the closing quote", CliBytes.Of(LogLines.Clf(request: "GET /a\\\\") + "\n"), 1, 0 },
        { "B12 nginx-escaped quote", CliBytes.Of(LogLines.Clf(request: "GET /a\\x22b HTTP/1.1") + "\n"), 1, 0 },
        { "B12 unescaped quotes in the agent", CliBytes.Of(LogLines.Clf(extra: Ua("Mozilla \"quoted\" x")) + "\n",
            CliBytes.Good(1)), 2, 0 },
        { "B13 CRLF", CliBytes.Of(CliBytes.Good(0).Replace("\n", "\r\n"), CliBytes.Good(1).Replace("\n", "\r\n")), 2, 0 },
        { "B13 BOM at the start", CliBytes.Of("\uFEFF", CliBytes.Good(0), CliBytes.Good(1)), 2, 0 },
        { "B19 31 February", CliBytes.Of(CliBytes.Good(0), LogLines.Clf(time: "31/Feb/2026:00:00:00 +0000") + "\n"), 1, 1 },
        { "B19 25:61:00", CliBytes.Of(CliBytes.Good(0), LogLines.Clf(time: "01/Jan/2026:25:61:00 +0000") + "\n"), 1, 1 },
        { "B19 an unknown month", CliBytes.Of(CliBytes.Good(0), LogLines.Clf(time: "01/Foo/2026:00:00:00 +0000") + "\n"), 1, 1 },
        { "B19 far past counts", CliBytes.Of(CliBytes.Good(0), LogLines.Clf(time: "01/Jan/1970:00:00:00 +0000") + "\n",
            CliBytes.Good(1)), 3, 0 },
        { "B19 far future counts", CliBytes.Of(CliBytes.Good(0), CliBytes.Good(1), LogLines.Clf(time: "01/Jan/2099:00:00:00 +0000")
            + "\n", CliBytes.Good(2), CliBytes.Good(3)), 5, 0 },
        { "B19 far future last", CliBytes.Of(CliBytes.Good(0), LogLines.Clf(time: "01/Jan/2099:00:00:00 +0000") + "\n"), 2, 0 },
    };

    [Theory]
    [MemberData(nameof(Recipes))]
    public async Task A_hostile_input_is_counted_and_printed_without_controls(string id, byte[] input, int hits, int invalid)
    {
        var (json, plain) = await CheckAsync(input);

        AssertCounts(json, hits, invalid);
        Assert.DoesNotContain('\u009b', plain.Out + plain.Err);
        Assert.DoesNotContain('\u202e', plain.Out + plain.Err);
        Assert.False(string.IsNullOrEmpty(id));
    }

    [Theory]
    [InlineData("/\u001b[2J\u001b[Hpwn", @"/\x1b[2J\x1b[Hpwn")]                // B1
    [InlineData("/\u001b]0;owned\u0007x", @"/\x1b]0;owned\x07x")]              // B2
    [InlineData("/\u009b2J", @"/\u009b2J")]                                    // B4
    [InlineData("/ok\r/ADMIN-LOGIN-SUCCESS", @"/ok\x0d")]                      // B5
    [InlineData("/user/\u202Egnp.exe", @"/user")]                              // B6: the section ends at the 2nd slash
    [InlineData("/\u202Egnp.exe", @"/\u202egnp.exe")]                          // B6
    [InlineData("/a\u0000b", @"/a\x00b")]                                      // B9
    public async Task A_control_in_a_section_is_shown_escaped_and_kept_exact_in_json(string path, string shown)
    {
        var (json, plain) = await CheckAsync(CliBytes.WithPath(path));

        AssertCounts(json, hits: 1, invalid: 0);
        Assert.Contains(shown, plain.Out);
        string section = path.IndexOf('/', 1) is int slash and > 0 ? path[..slash] : path;
        Assert.Equal([section], Sections(json));
    }

    [Fact]
    public async Task B4_a_raw_9B_byte_is_decoded_as_a_replacement_character()
    {
        var (json, plain) = await CheckAsync(CliBytes.WithPath(CliBytes.Of("/", new byte[] { 0x9B }, "2J")));

        Assert.Equal(["/\uFFFD2J"], Sections(json));
        Assert.Contains("/\uFFFD2J", plain.Out);
    }

    [Fact]
    public async Task B3_a_line_after_an_unterminated_osc_renders_normally()
    {
        var (json, plain) = await CheckAsync(CliBytes.Of(CliBytes.WithPath("/a\u001b]8;;http://evil"), CliBytes.Good(1, "/next")));

        Assert.Equal(["/a\u001b]8;;http:", "/next"], Sections(json).Order(StringComparer.Ordinal).ToList());
        Assert.Contains(" /next ", plain.Out);
    }

    [Fact]
    public async Task B7_a_forged_alert_line_never_reaches_stdout()
    {
        var (json, plain) = await CheckAsync(CliBytes.Of(CliBytes.Good(0),
            "High traffic generated an alert - hits = 99.00, triggered at 2026-01-01T00:00:05+00:00\n", CliBytes.Good(1)));

        AssertCounts(json, hits: 2, invalid: 1);
        Assert.DoesNotContain("High traffic", plain.Out);
        Assert.Empty(Events(json, "alert"));
    }

    [Fact]
    public async Task B9_NUL_only_lines_are_invalid_and_counted_once_each()
    {
        var (json, _) = await CheckAsync(CliBytes.Of(new byte[] { 0, (byte)'\n', 0, 0, (byte)'\n' }, CliBytes.Repeat(0, 70_000),
            "\n", CliBytes.Good(0)));

        AssertCounts(json, hits: 1, invalid: 3);
    }

    [Fact]
    public async Task B9_a_file_of_only_NULs_is_invalid_input()
    {
        var (json, plain) = await CheckAsync(CliBytes.Repeat(0, 100_000));

        AssertCounts(json, hits: 0, invalid: 1);
        Assert.Contains(@"\x00", CliAssert.OneErrorLine(plain));
    }

    [Theory]
    [InlineData(64 * 1024, 1, 0)]
    [InlineData(64 * 1024 + 1, 0, 1)]
    public async Task B10_the_line_cap_is_64_KiB(int length, int hits, int invalid)
    {
        string line = CliLogs.Line(CliLogs.T0) + " ";
        line += new string('x', length - line.Length);

        var (json, _) = await CheckAsync(CliBytes.Of(line, "\n"));

        AssertCounts(json, hits, invalid);
    }

    [Fact]
    public async Task B10_a_1_MB_line_without_newline_is_one_invalid_line_and_the_good_lines_after_it_count()
    {
        var (json, _) = await CheckAsync(CliBytes.Of(CliBytes.Repeat((byte)'a', 1 << 20), "\n",
            string.Concat(Enumerable.Range(0, 50).Select(i => CliBytes.Good(i / 5)))));

        AssertCounts(json, hits: 50, invalid: 1);
        Assert.Equal("2026-01-01T00:00:00+00:00", json.Summary.GetProperty("start").GetString());
        Assert.Equal("2026-01-01T00:00:10+00:00", json.Summary.GetProperty("end").GetString());
    }

    [Fact]
    public async Task B11_a_request_without_a_path_is_a_hit_without_a_section()
    {
        var (json, _) = await CheckAsync(CliBytes.Of(LogLines.Clf(request: "-", status: "400", bytes: "0") + "\n"));

        AssertCounts(json, hits: 1, invalid: 0);
        Assert.Empty(Sections(json));
        var report = Assert.Single(Events(json, "report"));
        Assert.Equal(1, report.GetProperty("status").GetProperty("4xx").GetInt64());
    }

    [Fact]
    public async Task B11_bytes_dash_count_as_zero()
    {
        var (json, _) = await CheckAsync(CliBytes.Of(LogLines.Clf(bytes: "-") + "\n", LogLines.Clf(bytes: "7") + "\n"));

        Assert.Equal(7, Assert.Single(Events(json, "report")).GetProperty("bytes").GetInt64());
    }

    [Fact]
    public async Task B12_an_unescaped_quote_in_the_request_never_swallows_the_next_line()
    {
        var (json, _) = await CheckAsync(CliBytes.Of(LogLines.Clf(request: "GET /a\"b HTTP/1.1") + "\n", CliBytes.Good(1, "/next")));

        long hits = json.Summary.GetProperty("hits").GetInt64(), invalid = json.Summary.GetProperty("invalid").GetInt64();
        Assert.Equal(2, hits + invalid);
        Assert.Contains("/next", Sections(json));
    }

    [Fact]
    public async Task B13_a_BOM_is_stripped_at_the_start_of_the_file_only()
    {
        var (json, _) = await CheckAsync(CliBytes.Of("\uFEFF", CliBytes.Good(0, "/first"), "\uFEFF", CliBytes.Good(1, "/second")));

        long hits = json.Summary.GetProperty("hits").GetInt64(), invalid = json.Summary.GetProperty("invalid").GetInt64();
        Assert.Equal(2, hits + invalid);
        Assert.Contains("/first", Sections(json));
    }

    [Fact]
    public async Task B13_CRLF_records_keep_their_sections_without_the_CR()
    {
        var (json, _) = await CheckAsync(CliBytes.Of(CliBytes.Good(0, "/a").Replace("\n", "\r\n")));

        Assert.Equal(["/a"], Sections(json));
    }

    // Fixtures

    [Theory]
    [InlineData("lnav_test_logs/textfile_ctrl.0", 0, 2)]                        // B5: all C0 controls
    [InlineData("lnav_test_logs/UTF-8-test.txt", 0, 291)]                       // B8
    [InlineData("lnav_test_logs/logfile_invalid_utf8.0", 0, 6)]                 // B8
    [InlineData("lnav_test_logs/logfile_bad_access_log.0", 2, 1)]               // B11: missing ident/user
    [InlineData("lnav_test_logs/logfile_access_log.1", 1, 0)]                   // B11: "-" 400 0
    [InlineData("lnav_test_logs/logfile_crlf.0", 0, 2)]                         // B13: CRLF, not an access log
    [InlineData("nasa_ksc_aug95_head/NASA_access_log_Aug95_head", 1841, 89)]   // B11: 44 torn records, truncated last line
    [InlineData("monitorware_apache_2004/access_log", 1535, 0)]                 // B11, B13: CRLF, bytes '-'
    public async Task A_fixture_never_crashes_and_exits_as_the_contract_says(string relative, int hits, int invalid)
    {
        var (json, plain) = await CheckFileAsync(SharedData.PathOf(relative));

        AssertCounts(json, hits, invalid);
        if (hits == 0)
        {
            Assert.Contains("Common/Combined Log Format", CliAssert.OneErrorLine(plain));
        }
        else
        {
            Assert.Equal("", plain.Problems);
        }
    }

    // B18: out of order

    [Theory]
    [InlineData("01/Jan/2026:00:00:09 +0000")]    // 1 s late
    [InlineData("31/Dec/2025:23:59:11 +0000")]    // 59 s late
    [InlineData("01/Jan/1970:00:00:00 +0000")]    // far past
    public async Task B18_a_late_line_counts_at_the_newest_time_however_late_it_is(string lateTime)
    {
        var onTime = await CheckAsync(CliBytes.Of(CliBytes.Good(10), CliBytes.Good(10), CliBytes.Good(11)));
        var (late, _) = await CheckAsync(CliBytes.Of(CliBytes.Good(10), CliLogs.Line(CliLogs.T0) .Replace(
            CliLogs.ClfTime(CliLogs.T0), lateTime, StringComparison.Ordinal) + "\n", CliBytes.Good(11)));

        Assert.Equal(onTime.Json.Out, late.Out);
        Assert.Equal(0, late.Code);
    }

    [Theory]
    [InlineData("elastic_apache_logs/apache_logs.gz", "1.0", "expected/elastic_apache_logs.threshold-1.0.ndjson")]
    [InlineData("lnav_test_logs/logfile_shop_access_log.0", "5.0", "expected/zanbil_shop.threshold-5.0.ndjson")]
    public async Task B18_B19_real_logs_give_the_independent_implementations_events(string log, string threshold, string expected)
    {
        var (json, _) = await CheckFileAsync(SharedData.PathOf(log), "--threshold", threshold);

        var want = File.ReadAllLines(SharedData.PathOf(expected)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var got = json.OutLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(want.Select(e => e.GetProperty("type").GetString()), got.Select(e => e.GetProperty("type").GetString()));
        for (int i = 0; i < want.Count; i++)
        {
            foreach (var field in want[i].EnumerateObject())
            {
                var actual = got[i].GetProperty(field.Name);
                string where = $"event {i} ({want[i].GetProperty("type")}) field {field.Name}";
                switch (field.Name)
                {
                    case "start" or "end" or "time":
                        Assert.True(DateTimeOffset.Parse(field.Value.GetString()!, CultureInfo.InvariantCulture)
                                    == DateTimeOffset.Parse(actual.GetString()!, CultureInfo.InvariantCulture), where);
                        break;
                    case "avg":
                        Assert.True(Math.Abs(field.Value.GetDouble() - actual.GetDouble()) < 0.01, where);
                        break;
                    default:
                        Assert.True(JsonElement.DeepEquals(field.Value, actual), $"{where}: {field.Value} vs {actual}");
                        break;
                }
            }
        }

        Assert.Equal(Events(json, "alert").Count > 0 ? ExitCodes.AlertFired : ExitCodes.Ok, json.Code);
    }

    // B19: offsets

    [Fact]
    public async Task B19_one_instant_in_four_offsets_lands_in_one_report()
    {
        var (json, _) = await CheckAsync(CliBytes.Of(
            LogLines.Clf(time: "01/Jan/2026:03:30:00 +0330") + "\n",
            LogLines.Clf(time: "31/Dec/2025:16:00:00 -0800") + "\n",
            LogLines.Clf(time: "01/Jan/2026:14:00:00 +1400") + "\n",
            LogLines.Clf(time: "31/Dec/2025:12:00:00 -1200") + "\n"));

        AssertCounts(json, hits: 4, invalid: 0);
        var report = Assert.Single(Events(json, "report"));
        Assert.Equal(4, report.GetProperty("hits").GetInt64());
        Assert.Equal("2026-01-01T03:30:00+03:30", report.GetProperty("start").GetString());   // the first record's offset
        Assert.Equal("2026-01-01T03:30:10+03:30", report.GetProperty("end").GetString());
        Assert.Equal("2026-01-01T03:30:01+03:30", json.Summary.GetProperty("end").GetString());
    }

    [Fact]
    public async Task B19_a_DST_switch_keeps_the_instants()
    {
        var (json, _) = await CheckAsync(CliBytes.Of(
            LogLines.Clf(time: "01/Nov/2026:01:59:59 -0400") + "\n",
            LogLines.Clf(time: "01/Nov/2026:01:00:00 -0500") + "\n"));   // one second later

        AssertCounts(json, hits: 2, invalid: 0);
        Assert.Equal("2026-11-01T01:59:59-04:00", json.Summary.GetProperty("start").GetString());
        Assert.Equal("2026-11-01T02:00:01-04:00", json.Summary.GetProperty("end").GetString());
    }

    // B20: many distinct sections (scaled down from 1,000,000)

    [Fact]
    public async Task B20_heavy_hitters_stay_on_top_among_many_distinct_sections()
    {
        var log = new StringBuilder();
        for (int i = 0; i < 30_000; i++)
        {
            log.Append(CliBytes.Good(0, $"/{Guid.NewGuid():N}/x"));
            log.Append(CliBytes.Good(0, $"/r/{Guid.NewGuid():N}"));
            if (i % 5 == 0)
            {
                log.Append(CliBytes.Good(0, "/hot/page"));
            }
        }

        var (json, _) = await CheckAsync(Encoding.UTF8.GetBytes(log.ToString()), "--top", "2", "--threshold", "1000000");

        AssertCounts(json, hits: 66_000, invalid: 0);
        var sections = Assert.Single(Events(json, "report")).GetProperty("sections").EnumerateArray().ToList();
        Assert.Equal(["/r", "/hot"], sections.Select(s => s.GetProperty("section").GetString()));
        Assert.True(sections[0].GetProperty("hits").GetInt64() >= 30_000);
        Assert.True(sections[1].GetProperty("hits").GetInt64() >= 6_000);
    }

    // B21: section derivation, end to end

    [Theory]
    [InlineData("GET / HTTP/1.1", "/")]
    [InlineData("GET /pages/create HTTP/1.1", "/pages")]
    [InlineData("GET /pages HTTP/1.1", "/pages")]
    [InlineData("GET /robots.txt HTTP/1.1", "/robots.txt")]
    [InlineData("GET /api/v1?x=/y HTTP/1.1", "/api")]
    [InlineData("GET /?a=1 HTTP/1.1", "/")]
    [InlineData("GET /a#frag/b HTTP/1.1", "/a")]
    [InlineData("GET //x HTTP/1.1", "/")]
    [InlineData("GET /%2e%2e/etc HTTP/1.1", "/%2e%2e")]
    [InlineData("GET /a;jsessionid=1/b HTTP/1.1", "/a;jsessionid=1")]
    [InlineData("GET /Pages/X HTTP/1.1", "/Pages")]
    [InlineData("GET /%D8%B3%D9%84%D8%A7%D9%85/x HTTP/1.1", "/%D8%B3%D9%84%D8%A7%D9%85")]
    [InlineData("GET http://my.site.com/pages/create HTTP/1.1", "http://my.site.com/pages")]
    [InlineData("GET http://my.site.com HTTP/1.1", "http://my.site.com/")]
    [InlineData("GET http://host/x HTTP/1.1", "http://host/x")]
    [InlineData("OPTIONS * HTTP/1.1", null)]
    [InlineData("CONNECT host:443 HTTP/1.1", null)]
    [InlineData("-", null)]
    [InlineData("GET", null)]
    [InlineData("\\x16\\x03\\x01\\x00", null)]
    public async Task B21_a_request_gets_the_contracts_section(string request, string? section)
    {
        var (json, _) = await CheckAsync(CliBytes.Of(LogLines.Clf(request: request) + "\n"));

        AssertCounts(json, hits: 1, invalid: 0);
        Assert.Equal(section is null ? [] : [section], Sections(json));
    }

    // B23: a large replay (scaled down from 1,000,000 lines); counts and exit code, never time

    [Theory]
    [InlineData("steady", "5", 0)]
    [InlineData("burst", "20", 1)]
    public async Task B23_two_hundred_thousand_generated_lines_are_all_counted(string profile, string rate, int code)
    {
        string path = _dir.File($"{profile}.log");
        var generated = await CliRunner.RunAsync("generate", "--lines", "200000", "--profile", profile, "--rate", rate, "-o", path);
        Assert.Equal(0, generated.Code);

        var json = await CliRunner.RunAsync("check", path, "--json");
        var plain = await CliRunner.RunAsync("check", path);

        Assert.Equal((code, code), (json.Code, plain.Code));
        Assert.Equal(200_000, json.Summary.GetProperty("hits").GetInt64());
        Assert.Equal(0, json.Summary.GetProperty("invalid").GetInt64());
        Assert.Equal(code == 1, json.Summary.GetProperty("alerts").GetInt64() > 0);
        Assert.Equal(code == 1, Events(json, "alert").Count > 0);
        Assert.Contains("hits 200000", plain.OutLines[^1]);
    }
}
