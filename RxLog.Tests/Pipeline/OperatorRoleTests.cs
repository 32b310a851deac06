using System.Globalization;
using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using RxLog.Aggregation;
using RxLog.Alerting;
using RxLog.Parsing;
using RxLog.Pipeline;
using RxLog.Tests.Support;
using static RxLog.Tests.Support.Records;

namespace RxLog.Tests.Pipeline;

/// <summary>Each operator of the log-time pipeline in isolation, marble-style: inputs driven by hand at virtual times,
/// the whole <c>(virtual time, value)</c> output asserted at once. Times read as seconds after <see cref="Records.T0"/>.</summary>
public class OperatorRoleTests
{
    private static long S(long secondAfterT0) => T0Seconds + secondAfterT0;

    /// <summary>A hot stream that emits each value at its virtual second and completes at <paramref name="completeAt"/>.</summary>
    private static IObservable<T> Marbles<T>(HistoricalScheduler scheduler, double completeAt,
        params (double At, T Value)[] marbles)
    {
        var subject = new Subject<T>();
        foreach (var (at, value) in marbles) scheduler.ScheduleAbsolute(T0.AddSeconds(at), () => subject.OnNext(value));
        scheduler.ScheduleAbsolute(T0.AddSeconds(completeAt), subject.OnCompleted);
        return subject;
    }

    private static string Time(DateTimeOffset at) => "@" + (at - T0).TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static List<string> Timeline<T>(Recorder<T> recorder, Func<T, string> describe)
    {
        Assert.Null(recorder.Error);
        var lines = recorder.Values.Select(v => $"{Time(v.At)} {describe(v.Value)}").ToList();
        if (recorder.CompletedAt is { } end) lines.Add($"{Time(end)} completed");
        return lines;
    }

    private static ClockInput Lines(params ParsedLine[] lines) => new(new ParsedBatch(lines, 0, lines.Length), 0);

    private static ClockInput Boundary(long secondAfterT0) => new(null, S(secondAfterT0));

    private static ClosedSecond Closed(long secondAfterT0, long hits) =>
        new(S(secondAfterT0), hits, 0, null, null, null, TimeSpan.Zero, null);

    private static AlertDecision Decision(long secondAfterT0, long hits, bool alerting = false, long? nextLeave = null)
    {
        TrafficAccumulator? traffic = null;
        if (hits > 0)
        {
            traffic = new TrafficAccumulator();
            foreach (var hit in Hits(secondAfterT0, (int)hits)) traffic.Add(hit.Record);
        }
        return new AlertDecision(new ClosedSecond(S(secondAfterT0), hits, 0, traffic, null, null, TimeSpan.Zero, null),
            hits, 1, 10, alerting, AlertTransition.None, 0, 0, nextLeave is { } n ? S(n) : null);
    }

    // ToClosedSeconds: the boundaries, and only they, cut the lines into seconds.

    [Fact]
    public void ToClosedSeconds_closes_one_second_per_new_boundary_with_whatever_was_read_since_the_last()
    {
        var scheduler = new HistoricalScheduler(T0);
        var clock = Marbles(scheduler, completeAt: 7.5,
            (3.2, Lines(Hit(3), Hit(3))),
            (4, Boundary(4)),
            (4.5, Lines(Hit(1, "/late"))),   // dated 1, read with the clock in 4
            (5, Boundary(5)),
            (6, Boundary(6)),                // nothing read: an empty second closes
            (6, Boundary(6)),                // a boundary passed before: nothing
            (7.5, Lines(Bad())));            // read after the last boundary: closed at the end
        var recorder = new Recorder<ClosedSecond>(scheduler, static c => c.Copy());
        clock.ToClosedSeconds(scheduler).Subscribe(recorder);

        scheduler.Start();

        Assert.Equal(new[]
        {
            "@4 second 3 hits=2 invalid=0",
            "@5 second 4 hits=1 invalid=0",
            "@6 second 5 hits=0 invalid=0",
            "@7.5 second 7 hits=0 invalid=1",
            "@7.5 completed",
        }, Timeline(recorder, c => $"second {c.Second - T0Seconds} hits={c.Hits} invalid={c.Invalid}"));
    }

    // ToAlertDecisions: one closed second, one decision.

    [Fact]
    public void A_second_entering_and_another_leaving_at_one_boundary_make_one_decision_not_a_recovery_and_a_raise()
    {
        var scheduler = new HistoricalScheduler(T0);
        var seconds = Marbles(scheduler, completeAt: 31,
            (1, Closed(0, 11)),     // 11 in [−9, 1): raised
            (11, Closed(10, 11)),   // second 0 leaves as second 10 enters: still 11
            (21, Closed(20, 10)),   // second 10 leaves as second 20 enters: 10, exactly the threshold
            (31, Closed(30, 9)));   // 9: recovered
        var recorder = new Recorder<AlertDecision>(scheduler, static d => d.Copy());
        seconds.ToAlertDecisions(threshold: 1, windowSeconds: 10).Subscribe(recorder);

        scheduler.Start();

        Assert.Equal(new[]
        {
            "@1 b=1 hits=11 Raised alerting=True",
            "@11 b=11 hits=11 None alerting=True",
            "@21 b=21 hits=10 None alerting=True",
            "@31 b=31 hits=9 Recovered alerting=False",
            "@31 completed",
        }, Timeline(recorder, d => $"b={d.Boundary - T0Seconds} hits={d.WindowHits} {d.Transition} alerting={d.Alerting}"));
    }

    [Fact]
    public void ToAlertDecisions_keeps_one_window_per_subscription()
    {
        var scheduler = new HistoricalScheduler(T0);
        var first = new Recorder<AlertDecision>(scheduler, static d => d.Copy());
        var second = new Recorder<AlertDecision>(scheduler, static d => d.Copy());
        var seconds = new Subject<ClosedSecond>();
        var totals = seconds.ToAlertDecisions(threshold: 100, windowSeconds: 10);
        totals.Subscribe(first);
        seconds.OnNext(Closed(0, 4));
        totals.Subscribe(second);
        seconds.OnNext(Closed(1, 3));

        Assert.Equal("first: 4,7 second: 3", $"first: {string.Join(",", first.Values.Select(v => v.Value.WindowHits))}"
                                               + $" second: {string.Join(",", second.Values.Select(v => v.Value.WindowHits))}");
    }

    // ToReportIntervals: a window per aligned interval, closed by the decision at its end boundary.

    private static string Interval(ReportInterval r) =>
        $"interval {r.Start - T0Seconds} hits={r.Traffic.Hits} last={r.Last!.Value.Boundary - T0Seconds} alerting={r.Last.Value.Alerting}";

    [Fact]
    public void A_report_interval_closes_at_its_end_boundary_with_the_decision_made_there()
    {
        var scheduler = new HistoricalScheduler(T0);
        var decisions = Marbles(scheduler, completeAt: 25,
            (3, Decision(2, hits: 1)),
            (10, Decision(9, hits: 1, alerting: true)),    // second 9 closes at 10, the end of [0, 10): its last
            (11, Decision(10, hits: 2, alerting: true)),   // second 10 is the first of [10, 20)
            (20, Decision(19, hits: 0)));                  // the end boundary of [10, 20), nothing read
        var recorder = new Recorder<ReportInterval>(scheduler);
        decisions.ToReportIntervals(10, reportIdle: false).Subscribe(recorder);

        scheduler.Start();

        Assert.Equal(new[]
        {
            "@10 interval 0 hits=2 last=10 alerting=True",
            "@20 interval 10 hits=2 last=20 alerting=False",
            "@25 completed",
        }, Timeline(recorder, Interval));
    }

    [Theory]
    [InlineData(false, "@10 interval 0 hits=1 last=10 alerting=False", "@16 completed")]
    [InlineData(true, "@10 interval 0 hits=1 last=10 alerting=False", "@16 interval 10 hits=0 last=15 alerting=False",
        "@16 completed")]
    public void A_second_that_read_nothing_and_ends_no_interval_makes_a_report_only_when_idle_intervals_are_reported(
        bool reportIdle, params string[] expected)
    {
        var scheduler = new HistoricalScheduler(T0);
        var decisions = Marbles(scheduler, completeAt: 16,
            (3, Decision(2, hits: 1)),
            (10, Decision(9, hits: 0)),
            (15, Decision(14, hits: 0)));    // log time: a leave wake-up in an interval that read nothing
        var recorder = new Recorder<ReportInterval>(scheduler);
        decisions.ToReportIntervals(10, reportIdle).Subscribe(recorder);

        scheduler.Start();

        Assert.Equal(expected, Timeline(recorder, Interval));
    }

    [Fact]
    public void The_last_partial_interval_closes_when_the_decisions_end()
    {
        var scheduler = new HistoricalScheduler(T0);
        var decisions = Marbles(scheduler, completeAt: 24, (22, Decision(21, hits: 3)), (24, Decision(23, hits: 1)));
        var recorder = new Recorder<ReportInterval>(scheduler);
        decisions.ToReportIntervals(10, reportIdle: false).Subscribe(recorder);

        scheduler.Start();

        Assert.Equal(new[] { "@24 interval 20 hits=4 last=24 alerting=False", "@24 completed" },
            Timeline(recorder, Interval));
    }

    // ToLeaveWakeUps: the alert asks the clock for a leaving second's boundary only while it is active.

    [Fact]
    public void ToLeaveWakeUps_asks_for_the_next_leaving_boundary_only_while_alerting_and_once_each()
    {
        var scheduler = new HistoricalScheduler(T0);
        var decisions = Marbles(scheduler, completeAt: 21,
            (1, Decision(0, hits: 9, alerting: false, nextLeave: 11)),   // calm: a leaving second cannot change it
            (2, Decision(1, hits: 11, alerting: true, nextLeave: 11)),
            (3, Decision(2, hits: 12, alerting: true, nextLeave: 11)),   // already asked
            (11, Decision(10, hits: 11, alerting: true, nextLeave: 12)),
            (12, Decision(11, hits: 0, alerting: false, nextLeave: 22)), // recovered
            (20, Decision(19, hits: 20, alerting: true, nextLeave: null)));
        var recorder = new Recorder<SecondBoundary>(scheduler);
        decisions.ToLeaveWakeUps().Subscribe(recorder);

        scheduler.Start();

        Assert.Equal(new[] { "@2 wake at 11", "@11 wake at 12", "@21 completed" },
            Timeline(recorder, b => $"wake at {b.Second - T0Seconds}"));
    }

    // ClockBoundaries.AskedFor: asked seconds become boundaries when the virtual clock gets there.

    [Fact]
    public void AskedFor_brings_one_boundary_at_each_asked_second_on_virtual_time()
    {
        var scheduler = new HistoricalScheduler(T0);
        var wakeUps = Marbles(scheduler, completeAt: 4,
            (0, new SecondBoundary(S(5))),
            (0, new SecondBoundary(S(3))),
            (4, new SecondBoundary(S(9))),
            (4, new SecondBoundary(S(9))));    // asked twice (a report's end and a leaving second): the open second closes once anyway
        var recorder = new Recorder<SecondBoundary>(scheduler);
        ClockBoundaries.AskedFor(wakeUps, scheduler).Subscribe(recorder);

        scheduler.Start();

        Assert.Equal(new[] { "@3 boundary 3", "@5 boundary 5", "@9 boundary 9", "@9 boundary 9", "@9 completed" },
            Timeline(recorder, b => $"boundary {b.Second - T0Seconds}"));
    }

    // LogTimeReplay: the records move the clock; a second that read lines is closed by the replay itself.

    private static string Clock(ClockInput input) => input.IsBoundary
        ? $"boundary {input.Boundary - T0Seconds}"
        : "lines " + string.Join(",", input.Lines.ToArray().Select(l => l.IsTimed ? (l.Record.Second - T0Seconds).ToString() : "x"));

    private static List<string> Replayed(params ParsedBatch[] batches)
    {
        var scheduler = new HistoricalScheduler(T0);
        var recorder = new Recorder<string>(scheduler);
        var source = new Subject<ParsedBatch>();
        using (source.ReplayInLogTime(scheduler).Subscribe(input => recorder.OnNext(Clock(input)), recorder.OnError,
                   recorder.OnCompleted))
        {
            foreach (var batch in batches) source.OnNext(batch);
            source.OnCompleted();
        }
        return Timeline(recorder, s => s);
    }

    private static ParsedBatch Batch(params ParsedLine[] lines) => new(lines, 0, lines.Length);

    [Fact]
    public void The_replay_closes_a_second_that_read_lines_at_its_end_when_the_clock_leaves_it()
    {
        var timeline = Replayed(Batch(Hit(3)), Batch(Hit(3)), Batch(Hit(4)));

        Assert.Equal(new[]
        {
            "@3 lines 3",
            "@3 lines 3",
            "@4 boundary 4",
            "@4 lines 4",
            "@5 boundary 5",
            "@5 completed",
        }, timeline);
    }

    [Fact]
    public void The_replay_gives_no_boundary_to_the_seconds_of_a_gap_that_read_nothing()
    {
        var timeline = Replayed(Batch(Hit(3)), Batch(Hit(60)));

        Assert.Equal(new[] { "@3 lines 3", "@4 boundary 4", "@60 lines 60", "@61 boundary 61", "@61 completed" }, timeline);
    }

    [Fact]
    public void A_timer_due_at_the_end_of_a_second_runs_before_the_replay_closes_that_second()
    {
        var scheduler = new HistoricalScheduler(T0);
        var order = new Recorder<string>(scheduler);
        scheduler.ScheduleAbsolute(At(4), () => order.OnNext("timer 4"));
        scheduler.ScheduleAbsolute(At(30), () => order.OnNext("timer 30"));
        var source = new Subject<ParsedBatch>();
        source.ReplayInLogTime(scheduler).Subscribe(input => order.OnNext(Clock(input)), order.OnError, order.OnCompleted);

        source.OnNext(Batch(Hit(3)));
        source.OnNext(Batch(Hit(60)));
        source.OnCompleted();

        Assert.Equal(new[]
        {
            "@3 lines 3",
            "@4 timer 4",
            "@4 boundary 4",
            "@30 timer 30",
            "@60 lines 60",
            "@61 boundary 61",
            "@61 completed",
        }, Timeline(order, s => s));
    }

    [Fact]
    public void The_replay_cuts_one_batch_where_the_clock_moves_and_late_or_invalid_lines_ride_in_the_clocks_second()
    {
        var timeline = Replayed(Batch(Bad(), Hit(3), Hit(3), Hit(5), Hit(2, "/late"), Bad(), Hit(6)));

        Assert.Equal(new[]
        {
            "@0 lines x",            // before the first record: no second yet, so no boundary closes it
            "@3 lines 3,3",
            "@4 boundary 4",
            "@5 lines 5,2,x",
            "@6 boundary 6",
            "@6 lines 6",
            "@7 boundary 7",         // the last second closes at last + 1, before completion
            "@7 completed",
        }, timeline);
    }

    [Fact]
    public void An_input_without_a_record_moves_the_clock_nowhere_and_closes_nothing()
    {
        var timeline = Replayed(Batch(Bad(), Bad()));

        Assert.Equal(new[] { "@0 lines x,x", "@0 completed" }, timeline);
    }
}
