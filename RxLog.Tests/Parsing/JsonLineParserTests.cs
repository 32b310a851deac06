using System.Text;
using RxLog.Parsing;
using RxLog.Tests.Support;

namespace RxLog.Tests.Parsing;

/// <summary>JSON lines: fields by their usual names, time in CLF, ISO 8601 or epoch form; anything malformed is an invalid
/// line, never an exception.</summary>
public class JsonLineParserTests
{
    private static LogRecord? Parse(string line) =>
        new JsonLineParser().TryParse(Encoding.UTF8.GetBytes(line), out var record) ? record : null;

    [Fact]
    public void An_nginx_json_line_gives_the_same_record_as_its_clf_twin()
    {
        var json = Parse("""{"time": "17/May/2015:08:05:32 +0000", "remote_ip": "93.180.71.3", "request": "GET /downloads/product_1 HTTP/1.1", "response": 304, "bytes": 0}""");
        new CommonLogParser().TryParse(
            "93.180.71.3 - - [17/May/2015:08:05:32 +0000] \"GET /downloads/product_1 HTTP/1.1\" 304 0"u8, out var clf);

        Assert.Equal(clf, json);
    }

    [Fact]
    public void An_escaped_field_name_is_still_its_name() =>
        Assert.Equal((short?)404, Parse("""{"time":"2026-01-01T10:00:05Z","st\u0061tus":404,"\u0075ri":"/a/b"}""")?.Status);

    [Theory]
    [InlineData("""{"time":"2026-01-01T10:00:05+03:30","status":"200","uri":"/api/v1?x=1","bytes":"12"}""", 1767249005L, 210, "/api", 200, 12L)]
    [InlineData("""{"ts":1767261605.25,"status":404,"path":"/a/b","size":-1}""", 1767261605L, 0, "/a", 404, 0L)]
    [InlineData("""{"timestamp":1767261605250,"status_code":500,"request":"POST /x HTTP/1.1"}""", 1767261605L, 0, "/x", 500, 0L)]
    [InlineData("""{"time":"2026-01-01T10:00:05Z","status":2e2,"request":"-","bytes":null}""", 1767261605L, 0, null, 200, 0L)]
    [InlineData("""{"time":"2026-01-01T10:00:05Z","status":200,"uri":"/esc\u002Fped/x","extra":{"deep":[1,2,{"a":1}]}}""", 1767261605L, 0, "/esc", 200, 0L)]
    public void Fields_are_found_by_their_usual_names_and_types(string line, long second, int offsetMinutes, string? section,
        int status, long bytes)
    {
        Assert.Equal(new LogRecord(second, (short)offsetMinutes, section, (short)status, bytes), Parse(line));
    }

    [Theory]
    [InlineData("""{"time":"17/May/2015:08:05:32 +0000","request":"GET / HTTP/1.1","response":200""")]        // cut short
    [InlineData("""{"time":"17/May/2015:08:05:32 +0000","request":"GET / HTTP/1.1"}""")]                      // no status
    [InlineData("""{"status":200,"request":"GET / HTTP/1.1"}""")]                                             // no time
    [InlineData("""{"time":"yesterday","status":200}""")]
    [InlineData("""{"time":"2026-01-01T10:00:05Z","status":99}""")]
    [InlineData("""{"time":"2026-01-01T10:00:05Z","status":200} {"again":1}""")]
    [InlineData("""[{"time":"2026-01-01T10:00:05Z","status":200}]""")]
    [InlineData("not json at all")]
    [InlineData("""{"time":"2026-01-01T10:00:05Z","status":200,"request":"GET /a\x22 HTTP/1.1"}""")]          // nginx without escape=json
    public void Malformed_or_incomplete_objects_are_invalid_lines(string line) => Assert.Null(Parse(line));

    [Fact]
    public void Nesting_ten_thousand_deep_is_an_invalid_line_not_a_stack_overflow()
    {
        string line = "{\"time\":\"2026-01-01T10:00:05Z\",\"status\":200,\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}";

        Assert.Null(Parse(line));
    }

    [Fact]
    public void The_nginx_json_sample_is_all_records()
    {
        var lines = File.ReadAllLines(RepoPaths.SharedData("nginx_json_elastic_head/nginx_json_logs_head135.jsonl"));
        var parser = new JsonLineParser();

        Assert.Equal(135, lines.Count(l => parser.TryParse(Encoding.UTF8.GetBytes(l), out _)));
    }

    [Fact]
    public void Caddy_access_records_behind_the_docker_compose_prefix_are_read_from_the_nested_request()
    {
        var lines = File.ReadAllLines(RepoPaths.SharedData("lnav_test_logs/logfile_caddy_log.0"));
        var parser = new DetectingParser(LogFormats.AutoCandidates);
        var records = lines.Select(l => parser.TryParse(Encoding.UTF8.GetBytes(l), out var r) ? r : (LogRecord?)null)
            .OfType<LogRecord>().ToList();

        Assert.Equal("JSON lines", parser.FormatName);
        Assert.Equal(4, records.Count);   // the 4 "http.log.access" lines; Caddy's own messages have no status
        Assert.All(records, r => Assert.StartsWith("/", r.Section));
        Assert.Equal(1761019828L, records[0].Second);
    }

    [Fact]
    public void A_cloudflare_logpush_record_is_read_by_its_own_field_names()
    {
        string line = File.ReadAllLines(RepoPaths.SharedData("lnav_test_logs/logfile_cloudflare.json"))[0];

        Assert.Equal(new LogRecord(DateTimeOffset.Parse("2022-10-30T00:00:02Z").ToUnixTimeSeconds(), 0, "/", 301, 570, Client: "87.226.160.250"), Parse(line));
    }

    [Theory]
    [InlineData("caddy  | {\"ts\":1,\"status\":200}", 9)]
    [InlineData("  {\"a\":1}", 2)]
    [InlineData("1.2.3.4 - - [01/Jan/2026:10:00:00 +0000] \"GET /a| {b HTTP/1.1\" 200 1", -1)]
    [InlineData("web-1 \"x\" | {}", -1)]
    public void The_json_object_is_found_after_blanks_and_a_compose_prefix_only(string line, int start) =>
        Assert.Equal(start, JsonLineParser.ObjectStart(Encoding.UTF8.GetBytes(line)));

    [Fact]
    public void Auto_detection_reads_clf_and_json_alike()
    {
        var clf = new DetectingParser(LogFormats.AutoCandidates);
        var json = new DetectingParser(LogFormats.AutoCandidates);

        Assert.True(clf.TryParse("1.2.3.4 - - [01/Jan/2026:10:00:00 +0000] \"GET /a HTTP/1.1\" 200 1"u8, out _));
        Assert.True(json.TryParse("""  {"time":"2026-01-01T10:00:05Z","status":200}"""u8, out _));
        Assert.Equal(("Common/Combined Log Format", "JSON lines"), (clf.FormatName, json.FormatName));
    }

    private static LogRecord? ParseWith(string[] mappings, string line)
    {
        Assert.True(JsonFields.TryParse(mappings, out var fields, out var error), error);
        return new JsonLineParser(fields).TryParse(Encoding.UTF8.GetBytes(line), out var record) ? record : null;
    }

    [Fact]
    public void Field_mappings_find_values_under_any_name_and_nesting()
    {
        var record = ParseWith(["time=meta.when", "path=http.target", "status=http.code", "bytes=http.out", "duration_ms=took"],
            """{"meta":{"when":"2026-01-01T10:00:05Z","host":"a"},"http":{"target":"/shop/cart?x=1","code":201,"out":77},"took":12.5,"status":999}""");

        Assert.Equal(new LogRecord(1767261605, 0, "/shop", 201, 77, 12_500), record);
    }

    [Fact]
    public void A_mapped_role_replaces_the_usual_names_for_that_role_only()
    {
        // "status" is no longer looked at once status=code is given; time is still found by its usual name.
        var record = ParseWith(["status=code"], """{"time":"2026-01-01T10:00:05Z","status":"oops","code":404,"uri":"/a/b"}""");

        Assert.Equal(new LogRecord(1767261605, 0, "/a", 404, 0), record);
    }

    [Theory]
    [InlineData("""{"ts":1767261605.5,"status":200,"request":{"uri":"/api/x","method":"GET"},"duration":0.0125,"size":10}""", 12_500L)]
    [InlineData("""{"time":"2026-01-01T10:00:05Z","status":200,"uri":"/api/x","request_time":"0.250","bytes":10}""", 250_000L)]
    [InlineData("""{"time":"2026-01-01T10:00:05Z","status":200,"uri":"/api/x","bytes":10}""", -1L)]
    [InlineData("""{"time":"2026-01-01T10:00:05Z","status":200,"uri":"/api/x","bytes":10,"duration":"-"}""", -1L)]
    public void Response_times_come_from_the_usual_duration_fields_in_seconds(string line, long micros)
    {
        Assert.Equal(micros, Parse(line)?.DurationMicros);
        Assert.Equal("/api", Parse(line)?.Section);
    }

    [Theory]
    [InlineData("""{"EdgeStartTimestamp":1767261605000000000,"EdgeResponseStatus":200,"ClientRequestURI":"/a"}""")]
    [InlineData("""{"EdgeStartTimestamp":1767261605000000,"EdgeResponseStatus":200,"ClientRequestURI":"/a"}""")]
    [InlineData("""{"msec":"1767261605.250","status":200,"uri":"/a"}""")]
    public void Epoch_times_in_nano_micro_and_milliseconds_or_as_text_are_read(string line) =>
        Assert.Equal(1767261605L, Parse(line)?.Second);

    [Theory]
    [InlineData("time")]
    [InlineData("colour=red")]
    [InlineData("path=")]
    [InlineData("path=a..b")]
    public void A_mapping_that_cannot_be_used_is_refused_with_a_message(string mapping)
    {
        Assert.False(JsonFields.TryParse([mapping], out _, out var error));
        Assert.StartsWith("--field: ", error);
    }
}
