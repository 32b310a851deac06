using RxLog.Parsing;
using RxLog.Pipeline;
using RxLog.Tests.Support;
using static RxLog.Tests.Support.Records;

namespace RxLog.Tests.Pipeline;

/// <summary>Response times in reports and the summary, on check's log-time pipeline. Times below 128 µs are exact in
/// the histogram, so these timelines state exact percentiles.</summary>
public class ResponseTimeTests
{
    // A threshold no test reaches; W = 5 s < I = 10 s, so an interval can also close while the window is empty.
    private static readonly MonitorSettings Quiet = new(Threshold: 1000, WindowSeconds: 5, IntervalSeconds: 10, Top: 1);

    private static IEnumerable<ParsedLine> TimedHits(long second, int from, int to) =>
        Enumerable.Range(from, to - from + 1).Select(micros => Timed(second, micros));

    [Fact]
    public void Reports_carry_the_times_of_their_own_interval_and_the_summary_those_of_the_whole_run()
    {
        var lines = TimedHits(2, 1, 100)       // 1..100 µs, and 25 hits without a time
            .Concat(Hits(3, 25))
            .Concat(Hits(12, 5))               // an interval without any time
            .Concat(TimedHits(35, 101, 120));  // after an idle gap: 101..120 µs

        var events = LogTimeRun.Events(Quiet, lines);

        Assert.Equal(new[]
        {
            "@10 report 0..10 hits=125 invalid=0 avg=0 alerting=False /api:125 times=100 avg=50.5µs p50=50 p95=95 p99=99",
            "@20 report 10..20 hits=5 invalid=0 avg=0 alerting=False /api:5",
            "@36 report 30..40 hits=20 invalid=0 avg=4 alerting=False /api:20 times=20 avg=110.5µs p50=110 p95=119 p99=120",
            "@36 summary 2..36 hits=150 invalid=0 alerts=0 alerting=False times=120 avg=60.5µs p50=60 p95=114 p99=119",
        }, events);
    }

    [Fact]
    public void A_run_without_any_time_has_none_in_its_reports_or_summary()
    {
        var events = LogTimeRun.Events(Quiet, Hits(2, 3).Concat(Hits(14, 2)));

        Assert.Equal(new[]
        {
            "@10 report 0..10 hits=3 invalid=0 avg=0 alerting=False /api:3",
            "@15 report 10..20 hits=2 invalid=0 avg=0.4 alerting=False /api:2",
            "@15 summary 2..15 hits=5 invalid=0 alerts=0 alerting=False",
        }, events);
    }

    [Fact]
    public void Times_count_the_same_whether_lines_come_one_by_one_or_in_one_batch()
    {
        var lines = TimedHits(2, 1, 60).Concat(TimedHits(11, 40, 90)).Concat(TimedHits(13, 0, 5)).ToList();

        Assert.Equal(LogTimeRun.Events(Quiet, lines), LogTimeRun.EventsInOneBatch(Quiet, lines));
    }

    [Fact]
    public void A_late_timed_line_counts_in_the_open_interval()
    {
        var events = LogTimeRun.Events(Quiet, new[] { Timed(2, 7), Timed(12, 9), Timed(1, 11) });

        Assert.Equal(new[]
        {
            "@10 report 0..10 hits=1 invalid=0 avg=0 alerting=False /api:1 times=1 avg=7µs p50=7 p95=7 p99=7",
            "@13 report 10..20 hits=2 invalid=0 avg=0.4 alerting=False /api:2 times=2 avg=10µs p50=9 p95=11 p99=11",
            "@13 summary 2..13 hits=3 invalid=0 alerts=0 alerting=False times=3 avg=9µs p50=9 p95=11 p99=11",
        }, events);
    }
}
