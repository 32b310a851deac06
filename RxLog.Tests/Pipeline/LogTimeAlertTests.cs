using RxLog.Pipeline;
using RxLog.Tests.Support;
using static RxLog.Tests.Support.Records;

namespace RxLog.Tests.Pipeline;

/// <summary>CONTRACT.md "Alerts" on check's log-time pipeline, to the exact second.</summary>
public class LogTimeAlertTests
{
    // W = 10 s and T = 1 hit/s keep the timelines short; the rules do not depend on the sizes.
    private static readonly MonitorSettings Small = new(Threshold: 1, WindowSeconds: 10, IntervalSeconds: 10, Top: 3);

    [Fact]
    public void Alert_is_raised_at_the_first_boundary_above_threshold_and_recovers_when_the_burst_leaves_the_window()
    {
        var events = LogTimeRun.Events(Small, Hits(3, 11));

        Assert.Equal(new[]
        {
            "@4 alert 4 hits=11 avg=1.1",
            "@4 report 0..10 hits=11 invalid=0 avg=1.1 alerting=True /api:11",
            "@4 summary 3..4 hits=11 invalid=0 alerts=1 alerting=True",
        }, events);
    }

    [Fact]
    public void Recovery_happens_inside_a_gap_in_the_log_at_the_second_the_burst_leaves_the_window()
    {
        var events = LogTimeRun.Events(Small, Hits(3, 11).Append(Hit(100)));

        Assert.Equal(new[]
        {
            "@4 alert 4 hits=11 avg=1.1",
            "@10 report 0..10 hits=11 invalid=0 avg=1.1 alerting=True /api:11",
            "@14 recovered 14 hits=0 avg=0 after=10",
            "@101 report 100..110 hits=1 invalid=0 avg=0.1 alerting=False /api:1",
            "@101 summary 3..101 hits=12 invalid=0 alerts=1 alerting=False",
        }, events);
    }

    [Fact]
    public void An_average_exactly_at_the_threshold_neither_raises_nor_recovers()
    {
        // 10 hits in 10 s is exactly 1.0/s: no alert. Then 11 (1.1) raises; back to exactly 1.0 changes nothing;
        // only 0.9 recovers.
        var lines = Hits(0, 10)                              // avg(1..10) = 1.0
            .Concat(Hits(10, 11))                            // avg(11) = 11/10 (second 0 left the window)
            .Concat(Hits(20, 10))                            // avg(21) = 10/10 = 1.0: still alerting
            .Concat(Hits(30, 9));                            // avg(31) = 0.9: recovers
        var events = LogTimeRun.Events(Small, lines).Where(e => !e.Contains("report")).ToList();

        Assert.Equal(new[]
        {
            "@11 alert 11 hits=11 avg=1.1",
            "@31 recovered 31 hits=9 avg=0.9 after=20",
            "@31 summary 0..31 hits=40 invalid=0 alerts=1 alerting=False",
        }, events);
    }

    [Fact]
    public void Seconds_before_the_first_record_count_as_zero_in_the_first_window()
    {
        // 15 hits in the very first second: avg(1) = 15 / 10 = 1.5 > 1 even though only one second was seen.
        var events = LogTimeRun.Events(Small, Hits(0, 15));

        Assert.Equal("@1 alert 1 hits=15 avg=1.5", events[0]);
    }

    [Fact]
    public void A_late_line_counts_at_the_newest_time_not_its_own()
    {
        // The line dated 1 s arrives after one dated 12 s: it counts in second 12, so in the second report.
        var events = LogTimeRun.Events(Small, new[] { Hit(2), Hit(12, "/new"), Hit(1, "/late") });

        Assert.Equal(new[]
        {
            "@10 report 0..10 hits=1 invalid=0 avg=0.1 alerting=False /api:1",
            "@13 report 10..20 hits=2 invalid=0 avg=0.2 alerting=False /late:1,/new:1",
            "@13 summary 2..13 hits=3 invalid=0 alerts=0 alerting=False",
        }, events);
    }

    [Fact]
    public void A_record_exactly_on_a_report_boundary_belongs_to_the_next_report()
    {
        var events = LogTimeRun.Events(Small, new[] { Hit(9), Hit(10, "/b") }).Where(e => e.Contains("report")).ToList();

        Assert.Equal(new[]
        {
            "@10 report 0..10 hits=1 invalid=0 avg=0.1 alerting=False /api:1",
            "@11 report 10..20 hits=1 invalid=0 avg=0.2 alerting=False /b:1",
        }, events);
    }

    [Fact]
    public void Reports_align_to_the_epoch_and_check_leaves_out_idle_intervals()
    {
        var events = LogTimeRun.Events(Small, new[] { Hit(7), Hit(45) }).Where(e => e.Contains("report")).ToList();

        Assert.Equal(new[]
        {
            "@10 report 0..10 hits=1 invalid=0 avg=0.1 alerting=False /api:1",
            "@46 report 40..50 hits=1 invalid=0 avg=0.1 alerting=False /api:1",
        }, events);
    }

    [Fact]
    public void Invalid_lines_count_in_the_open_second_and_before_the_first_record_in_the_first_report()
    {
        var events = LogTimeRun.Events(Small, new[] { Bad(), Hit(5), Hit(12), Bad() });

        Assert.Equal(new[]
        {
            "@10 report 0..10 hits=1 invalid=1 avg=0.1 alerting=False /api:1",
            "@13 report 10..20 hits=1 invalid=1 avg=0.2 alerting=False /api:1",
            "@13 summary 5..13 hits=2 invalid=2 alerts=0 alerting=False",
        }, events);
    }

    [Fact]
    public void An_alert_comes_before_the_report_that_ends_at_the_same_instant()
    {
        var events = LogTimeRun.Events(Small, Hits(9, 11).Append(Hit(30)));

        Assert.Equal(new[] { "@10 alert 10 hits=11 avg=1.1", "@10 report 0..10 hits=11 invalid=0 avg=1.1 alerting=True /api:11" },
            events.Take(2));
    }

    [Fact]
    public void Input_with_only_invalid_lines_gives_only_a_summary_without_times()
    {
        var events = LogTimeRun.Events(Small, new[] { Bad(), Bad() });

        Assert.Equal(new[] { "@-62135596800 summary -..- hits=0 invalid=2 alerts=0 alerting=False" }.Select(s => s[s.IndexOf(' ')..]),
            events.Select(s => s[s.IndexOf(' ')..]));
    }

    [Fact]
    public void Lines_arriving_in_one_big_batch_give_the_same_events_as_lines_one_by_one()
    {
        var lines = new[] { Bad() }.Concat(Hits(3, 11)).Append(Hit(9)).Append(Hit(2, "/late")).Concat(Hits(10, 3))
            .Append(Bad()).Append(Hit(100)).Concat(Hits(101, 12)).Append(Hit(Years70)).Append(Bad()).Concat(Hits(102, 2))
            .Append(Hit(1000)).Append(Hit(Years70)).ToArray();

        Assert.Equal(LogTimeRun.Events(Small, lines), LogTimeRun.EventsInOneBatch(Small, lines));
    }

    private const long Years70 = 70L * 365 * 24 * 3600;

    [Fact]
    public void One_line_dated_far_in_the_future_counts_as_a_hit_without_moving_the_clock()
    {
        var events = LogTimeRun.Events(Small, new[] { Hit(0), Hit(5), Hit(Years70, "/2096"), Bad(), Hit(6), Hit(7) });

        Assert.Equal(new[]
        {
            "@8 report 0..10 hits=5 invalid=1 avg=0.5 alerting=False /api:4,/2096:1",
            "@8 summary 0..8 hits=5 invalid=1 alerts=0 alerting=False",
        }, events);
    }

    [Fact]
    public void A_jump_ahead_that_the_next_line_does_not_undercut_is_months_of_silence_not_a_spike()
    {
        long later = 90L * 24 * 3600;
        var events = LogTimeRun.Events(Small, new[] { Hit(0), Hit(later, "/b"), Hit(later - 3600, "/late") });

        Assert.Equal($"@{later + 1} summary 0..{later + 1} hits=3 invalid=0 alerts=0 alerting=False", events[^1]);
        Assert.Contains($"@{later + 1} report {later}..{later + 10} hits=2 invalid=0 avg=0.2 alerting=False /b:1,/late:1", events);
    }

    [Fact]
    public void A_far_future_last_line_has_no_next_line_to_undercut_it_and_moves_the_clock()
    {
        var events = LogTimeRun.Events(Small, new[] { Hit(0), Hit(Years70) });

        Assert.Equal($"@{Years70 + 1} summary 0..{Years70 + 1} hits=2 invalid=0 alerts=0 alerting=False", events[^1]);
    }

    [Fact]
    public void Months_of_silence_cost_no_per_second_work()
    {
        var lines = new[] { Hit(0), Hit(90L * 24 * 3600), Hit(400L * 24 * 3600) };
        var events = LogTimeRun.Events(Small, lines);

        Assert.Equal(4, events.Count);
        Assert.Equal("@34560001 summary 0..34560001 hits=3 invalid=0 alerts=0 alerting=False", events[^1]);
    }
}
