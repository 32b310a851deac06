using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using RxLog.Aggregation;
using RxLog.Alerting;
using RxLog.Alerting.Rules;
using RxLog.Parsing;

namespace RxLog.Pipeline;

/// <summary>The one place the stages meet: parsed lines → the clock's closed seconds → the alert window, decisions,
/// reports and the summary. One composition for both clocks; only the source of boundaries differs.</summary>
public static class MonitorPipeline
{
    /// <summary><c>check</c> and <c>--clock log</c>: the records' own timestamps drive <paramref name="scheduler"/>,
    /// with a boundary only where a decision or a report can change: the end of each second that read lines
    /// (<see cref="LogTimeReplay"/>) and those the stages ask for (<see cref="ClockBoundaries"/>).</summary>
    public static IObservable<MonitorEvent> InLogTime(IObservable<ParsedBatch> batches, MonitorSettings settings,
        HistoricalScheduler scheduler) =>
        batches.ReplayInLogTime(scheduler).Publish(replayed => Observable.Defer(() =>
        {
            // The one loop: the stages ask the clock for the boundaries only they know they need.
            var wakeUps = new Subject<SecondBoundary>();
            var boundaries = ClockBoundaries.AskedFor(wakeUps, scheduler).TakeUntil(replayed.WhenEnded());
            return Monitor(replayed.ToClock(boundaries), settings, scheduler, wakeUps);
        }));

    /// <summary>Live modes (<c>--clock wall</c>): a record counts in the second it arrives; every second is decided
    /// and every interval reported, idle ones included. <paramref name="backfill"/> (<c>watch</c>) brings lines from
    /// before the run, which fill the alert window only; the run ends with <paramref name="batches"/>.</summary>
    public static IObservable<MonitorEvent> InWallTime(IObservable<ParsedBatch> batches, MonitorSettings settings,
        IScheduler scheduler, IObservable<ParsedBatch>? backfill = null) =>
        batches.Publish(shared =>
        {
            var end = shared.WhenEnded();
            return Monitor(shared.ToClock(SecondTicks.Every(scheduler).TakeUntil(end), backfill?.TakeUntil(end)),
                settings with { ReportIdleIntervals = true }, scheduler);
        });

    /// <summary>CONTRACT.md "Alerts" and "Reports", top to bottom.</summary>
    /// <remarks>Everything below the clock runs on its thread, synchronously, one closed second at a time. At one
    /// instant the alert comes before the report ending there: the decision reaches the alerts before the interval
    /// it closes is folded into a report. The summary waits for everything else to end.</remarks>
    private static IObservable<MonitorEvent> Monitor(IObservable<ClockInput> clock, MonitorSettings settings,
        IScheduler scheduler, IObserver<SecondBoundary>? wakeUps = null) =>
        clock
            // Hits are counted in 1-second buckets [s, s+1), each closed at its boundary s + 1.
            .ToClosedSeconds(scheduler, settings.Rules is { } rules ? rules.NewScopes : null, countSources: settings.TopHosts > 0)
            .Publish(seconds => seconds
                .Where(static second => second.Clocked)
                .Decided(settings)
                .Publish(decisions => decisions
                    // Every interval, aligned to the epoch, closed at its end boundary after that boundary's decision.
                    .ToReportIntervals(settings.IntervalSeconds, settings.ReportIdleIntervals)
                    .ReleasedOnceSeen()
                    .Publish(intervals => Observable.Merge(
                        decisions.ToAlertEvents(settings.Rules?.HighTraffic?.Labels),
                        HasRules(settings) ? decisions.ToRuleEvents() : Observable.Empty<MonitorEvent>(),
                        intervals.ToTrafficReports(settings),
                        Summary(seconds, decisions, intervals, scheduler, settings),
                        // Log time: the boundaries a report's end or an alert's recovery need beyond the lines' own.
                        wakeUps is null
                            ? Observable.Empty<MonitorEvent>()
                            : Observable.Merge(decisions.ToEndWakeUps(settings.IntervalSeconds), decisions.ToLeaveWakeUps(),
                                    HasRules(settings) ? decisions.ToRuleWakeUps() : Observable.Empty<SecondBoundary>())
                                .Do(wakeUps).IgnoreElements().Select(static _ => (MonitorEvent)null!)))));

    /// <summary>At every boundary b: the hits of [b − W, b), and the alert decided on their average; with a rules file,
    /// each rule one more Scan over the same seconds, decided at the same boundary.</summary>
    /// <remarks>Without rules the seconds have one reader, and are not published: every stage a closed second passes
    /// is a call per second of a quiet log.</remarks>
    private static IObservable<AlertDecision> Decided(this IObservable<ClosedSecond> clocked, MonitorSettings settings) =>
        HasRules(settings)
            ? clocked.Publish(shared => shared
                .ToAlertDecisions(settings.BuiltInThreshold, settings.WindowSeconds)
                .WithRules(shared, settings.Rules))
            : clocked
                .ToAlertDecisions(settings.BuiltInThreshold, settings.WindowSeconds);

    /// <summary>Whether a rules file brings rules of its own (<see cref="RuleAlerts.WithRules"/>): without any, no
    /// decision carries rules, and the streams that read them are left out.</summary>
    private static bool HasRules(MonitorSettings settings) => settings.Rules is { Rules.Count: > 0 };

    /// <summary>The run's summary, once everything else has ended: totals of every second read, the last decision,
    /// and the response times of every interval.</summary>
    private static IObservable<MonitorEvent> Summary(IObservable<ClosedSecond> seconds,
        IObservable<AlertDecision> decisions, IObservable<ReportInterval> intervals, IScheduler scheduler,
        MonitorSettings settings) =>
        Observable.Zip(
            seconds.Aggregate(new RunTotals(), static (totals, second) => totals.Add(second)),
            decisions.LastOrDefaultAsync(),
            intervals.Aggregate(new ResponseTimeHistogram(), static (times, interval) =>
            {
                if (!interval.IsEmpty) times.Merge(interval.Traffic.ResponseTimes);
                return times;
            }),
            (totals, last, times) => (MonitorEvent)new RunSummary(
                totals.LastRecord is { } l ? totals.At(l + 1) : scheduler.Now.ToOffset(totals.Offset),
                totals.FirstRecord is { } f ? totals.At(f) : null,
                totals.LastRecord is { } e ? totals.At(e + 1) : null,
                totals.Hits, totals.Invalid,
                (last?.AlertsRaised ?? 0) + (last?.Rules?.Sum(static r => r.AlertsRaised) ?? 0),
                (last?.Alerting ?? false) || (last?.Rules?.Any(static r => r.Alerting) ?? false),
                totals.FirstInvalidLine, times.Summarize(), Rules: RuleCounts(settings.Rules, last)));

    /// <summary>With a rules file: alerts per rule, the built-in one first (unless turned off), then in file order.</summary>
    private static IReadOnlyList<RuleCount>? RuleCounts(RuleSet? rules, AlertDecision? last)
    {
        if (rules is null) return null;
        var counts = new List<RuleCount>(rules.Rules.Count + 1);
        if (!rules.HighTrafficOff)
            counts.Add(new RuleCount(AlertRule.HighTrafficName, last?.AlertsRaised ?? 0, last?.Alerting ?? false));
        for (int i = 0; i < rules.Rules.Count; i++)
        {
            var decision = last?.Rules?[i];
            counts.Add(new RuleCount(rules.Rules[i].Name, decision?.AlertsRaised ?? 0, decision?.Alerting ?? false));
        }
        return counts;
    }
}
