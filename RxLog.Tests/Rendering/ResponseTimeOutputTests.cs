using System.Text.Json;
using RxLog.Aggregation;
using RxLog.Pipeline;
using RxLog.Rendering;
using static RxLog.Tests.Rendering.Events;

namespace RxLog.Tests.Rendering;

/// <summary>How response times read in plain and JSON output, and that they are absent when there are none.</summary>
public class ResponseTimeOutputTests
{
    // 123.4567 ms average; percentiles as the histogram reports them (bucket middles).
    private static readonly ResponseTimeStats ReportTimes = new(1230, 123_456.7, 98_304, 310_272, 1_212_416);

    // Sub-millisecond median, and a p99 at the histogram's top: "at least 2^32 µs".
    private static readonly ResponseTimeStats RunTimes = new(12000, 850.25, 640, 2_500, ResponseTimeHistogram.TopMicros);

    private readonly StringWriter _out = new() { NewLine = "\n" };
    private readonly StringWriter _err = new() { NewLine = "\n" };

    private string[] PlainLines(params MonitorEvent[] events)
    {
        var view = new PlainTextView(_out, _err, threshold: 10);
        foreach (var e in events)
        {
            view.OnEvent(e);
        }

        return _out.ToString().Split('\n')[..^1];
    }

    private string[] JsonLines(params MonitorEvent[] events)
    {
        var view = new JsonLinesView(_out, _err);
        foreach (var e in events)
        {
            view.OnEvent(e);
        }

        return _out.ToString().Split('\n')[..^1];
    }

    [Theory]
    [InlineData(0, "0 µs")]
    [InlineData(0.0001, "0 µs")]
    [InlineData(0.4, "0.4 µs")]
    [InlineData(1, "1 µs")]
    [InlineData(127, "127 µs")]
    [InlineData(999.4, "999 µs")]
    [InlineData(999.6, "1 ms")]       // rounded before the unit is chosen: not "1000 µs"
    [InlineData(1_234, "1.23 ms")]
    [InlineData(1_235, "1.24 ms")]    // half away from zero
    [InlineData(12_345, "12.3 ms")]
    [InlineData(98_000, "98 ms")]     // no trailing zeros
    [InlineData(999_500, "1 s")]
    [InlineData(1_200_000, "1.2 s")]
    [InlineData(59_999_999, "60 s")]
    [InlineData(4_294_967_296, "4290 s")]
    public void Response_times_have_three_significant_digits_in_us_ms_or_s(double micros, string expected)
    {
        Assert.Equal(expected, NumberText.Micros(micros));
    }

    [Fact]
    public void A_report_with_response_times_has_a_fourth_line()
    {
        Assert.Equal(
        [
            "[2026-01-01 10:00:00 → 10:00:10 +00:00] hits 1234 · 123.40/s · avg 12.53/s > 10 ALERT",
            "  2xx 1200 · 3xx 10 · 4xx 20 · 5xx 4 · 1.2 MiB sent · invalid 2",
            "  top /api 800 · /pages 300 · /robots.txt 12",
            "  response time avg 123 ms · p50 98.3 ms · p95 310 ms · p99 1.21 s (1230 of 1234 hits)",
        ], PlainLines(Report() with { ResponseTime = ReportTimes }));
    }

    [Fact]
    public void The_summary_with_response_times_has_a_second_line_and_a_saturated_percentile_reads_at_least()
    {
        Assert.Equal(
        [
            "Summary: 2026-01-01 10:00:00 → 10:15:00 +00:00 (15m0s) · hits 12345 · invalid 3 · alerts 1 · not alerting",
            "  response time avg 850 µs · p50 640 µs · p95 2.5 ms · p99 ≥ 4290 s (12000 of 12345 hits)",
        ], PlainLines(Summary() with { ResponseTime = RunTimes }));
    }

    [Fact]
    public void Plain_output_without_response_times_is_unchanged()
    {
        string[] lines = PlainLines(Report(), Summary());

        Assert.Equal(4, lines.Length);
        Assert.DoesNotContain(lines, l => l.Contains("response time", StringComparison.Ordinal));
    }

    [Fact]
    public void A_json_report_ends_with_response_time_in_milliseconds()
    {
        string line = JsonLines(Report() with { ResponseTime = ReportTimes })[0];

        Assert.EndsWith(
            ""","approximate":false,"response_time":{"count":1230,"avg_ms":123.457,"p50_ms":98.304,"p95_ms":310.272,"p99_ms":1212.416}}""",
            line);
        using var doc = JsonDocument.Parse(line);
        Assert.Equal("response_time", doc.RootElement.EnumerateObject().Last().Name);
        Assert.Equal(["count", "avg_ms", "p50_ms", "p95_ms", "p99_ms"],
            doc.RootElement.GetProperty("response_time").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void A_json_summary_ends_with_response_time_and_the_top_as_a_number()
    {
        Assert.Equal(
            ["""{"type":"summary","start":"2026-01-01T10:00:00+00:00","end":"2026-01-01T10:15:00+00:00","hits":12345,"invalid":3,"alerts":1,"alerting":false,"response_time":{"count":12000,"avg_ms":0.85,"p50_ms":0.64,"p95_ms":2.5,"p99_ms":4294967.296}}"""],
            JsonLines(Summary() with { ResponseTime = RunTimes }));
    }

    [Fact]
    public void Json_without_response_times_has_no_such_field()
    {
        Assert.All(JsonLines(Report(), Summary()), line => Assert.DoesNotContain("response_time", line));
    }

    [Fact]
    public void One_to_a_hundred_milliseconds_read_within_the_histograms_bound()
    {
        var histogram = new ResponseTimeHistogram();
        for (long ms = 1; ms <= 100; ms++)
        {
            histogram.Add(ms * 1000);
        }

        // Exact: avg 50.5, p50 50, p95 95, p99 99 ms; the histogram is within 1/128 of each.
        Assert.Equal("  response time avg 50.5 ms · p50 49.9 ms · p95 94.7 ms · p99 98.8 ms (100 of 100 hits)",
            PlainTextFormat.ResponseTime(histogram.Summarize()!, 100));
    }
}
