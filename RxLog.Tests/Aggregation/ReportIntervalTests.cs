using RxLog.Aggregation;
using RxLog.Alerting;
using RxLog.Parsing;
using static RxLog.Tests.Support.Records;

namespace RxLog.Tests.Aggregation;

/// <summary>One report interval as a pure fold of the decisions at its boundaries (CONTRACT.md "Reports").</summary>
public class ReportIntervalTests
{
    private static TrafficAccumulator Traffic(params ParsedLine[] lines)
    {
        var traffic = new TrafficAccumulator();
        foreach (var line in lines)
        {
            if (line.IsTimed) traffic.Add(line.Record);
            else traffic.AddInvalid();
        }
        return traffic;
    }

    private static AlertDecision Decision(long secondAfterT0, long windowHits, bool alerting,
        TrafficAccumulator? traffic = null, IReadOnlyList<TrafficAccumulator>? tallies = null, TimeSpan offset = default)
    {
        long hits = (traffic?.Hits ?? 0) + (tallies?.Sum(t => t.Hits) ?? 0);
        long invalid = (traffic?.Invalid ?? 0) + (tallies?.Sum(t => t.Invalid) ?? 0);
        var closed = new ClosedSecond(T0Seconds + secondAfterT0, hits, invalid, traffic, tallies, null, offset, null);
        return new AlertDecision(closed, windowHits, 1, 10, alerting, AlertTransition.None, 0, alerting ? 1 : 0);
    }

    private static string Describe(TrafficReport r) =>
        $"{(r.Start - T0).TotalSeconds}..{(r.End - T0).TotalSeconds} hits={r.Hits} invalid={r.Invalid} bytes={r.Bytes}"
        + $" 2xx={r.Status.S2xx} 5xx={r.Status.S5xx} window={r.WindowHits} avg={r.Average} alerting={r.Alerting} "
        + string.Join(",", r.Sections.Select(s => $"{s.Section}:{s.Hits}"));

    [Fact]
    public void The_traffic_of_every_second_and_every_worker_tally_is_merged_into_one_report()
    {
        var interval = new ReportInterval(T0Seconds, 10)
            .Add(Decision(2, 2, false, Traffic(Hit(2, "/a"), Hit(2, "/b", status: 503))))
            .Add(Decision(3, 2, false))
            .Add(Decision(5, 5, false, Traffic(Bad()), new[] { Traffic(Hit(5, "/a"), Hit(5, "/a")), Traffic(Hit(5, "/c"), Bad()) }));

        Assert.Equal("0..10 hits=5 invalid=2 bytes=500 2xx=4 5xx=1 window=5 avg=0.5 alerting=False /a:3,/b:1,/c:1",
            Describe(interval.ToReport(top: 10, topClients: 0)));
    }

    [Theory]
    [InlineData(true, false, 9, "avg=0.9 alerting=False")]    // alerting inside the interval, recovered at its end
    [InlineData(false, true, 11, "avg=1.1 alerting=True")]    // raised at its end
    public void The_reports_average_and_alerting_are_those_of_its_last_decision(bool earlier, bool last, long lastHits,
        string expected)
    {
        var interval = new ReportInterval(T0Seconds, 10)
            .Add(Decision(4, 20, earlier, Traffic(Hit(4))))
            .Add(Decision(9, lastHits, last));

        var report = interval.ToReport(10, 0);

        Assert.Equal((expected, lastHits, T0Seconds + 10), ($"avg={report.Average} alerting={report.Alerting}",
            report.WindowHits, interval.Last!.Value.Boundary));
    }

    [Fact]
    public void An_interval_whose_seconds_read_nothing_is_empty_but_still_knows_its_last_decision()
    {
        var interval = new ReportInterval(T0Seconds + 10, 10).Add(Decision(13, 12, true)).Add(Decision(19, 11, true));

        Assert.Equal((true, "10..20 hits=0 invalid=0 bytes=0 2xx=0 5xx=0 window=11 avg=1.1 alerting=True "),
            (interval.IsEmpty, Describe(interval.ToReport(10, 0))));
    }

    [Fact]
    public void The_reports_bounds_are_the_aligned_interval_in_the_last_seconds_offset()
    {
        var offset = TimeSpan.FromHours(-5);
        var report = new ReportInterval(T0Seconds + 20, 10)
            .Add(Decision(21, 1, false, Traffic(Hit(21, offsetMinutes: -300)), offset: offset))
            .ToReport(10, 0);

        Assert.Equal((T0.AddSeconds(20).ToOffset(offset), T0.AddSeconds(30).ToOffset(offset), offset),
            (report.Start, report.End, report.End.Offset));
    }

    [Theory]
    [InlineData(0, 10, 0)]
    [InlineData(9, 10, 0)]
    [InlineData(10, 10, 10)]
    [InlineData(-1, 10, -10)]
    [InlineData(-10, 10, -10)]
    [InlineData(-11, 10, -20)]
    [InlineData(7_199, 3_600, 3_600)]
    [InlineData(1_767_261_599, 86_400, 1_767_225_600)]
    public void An_interval_starts_at_the_multiple_of_I_at_or_before_the_second(long second, int interval, long start)
    {
        Assert.Equal(start, ReportInterval.StartOf(second, interval));
    }
}
