using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using RxLog.Aggregation;
using RxLog.Alerting;
using RxLog.Parsing;

namespace RxLog.Pipeline;

/// <summary>The one place the stages meet: parsed lines → the clock's closed seconds → the alert window, decisions,
/// reports and the summary. One composition for both clocks; only the source of boundaries differs.</summary>
public static class MonitorPipeline
{
    /// <summary><c>check</c> and <c>--clock log</c>: the records' own timestamps drive <paramref name="scheduler"/>,
    /// with a boundary wherever a decision or a report can change (<see cref="ClockBoundaries"/>).</summary>
    public static IObservable<MonitorEvent> InLogTime(IObservable<ParsedBatch> batches, MonitorSettings settings,
        HistoricalScheduler scheduler) =>
        batches.ReplayInLogTime(scheduler).Publish(replayed => Monitor(replayed,
            ClockBoundaries.WhereDecisionsCanChange(replayed, scheduler, settings.WindowSeconds, settings.IntervalSeconds),
            settings, scheduler));

    /// <summary>Live modes (<c>--clock wall</c>): a record counts in the second it arrives; every second is decided
    /// and every interval reported, idle ones included. <paramref name="backfill"/> (<c>watch</c>) brings lines from
    /// before the run, which fill the alert window only; the run ends with <paramref name="batches"/>.</summary>
    public static IObservable<MonitorEvent> InWallTime(IObservable<ParsedBatch> batches, MonitorSettings settings,
        IScheduler scheduler, IObservable<ParsedBatch>? backfill = null) =>
        batches.Publish(shared => Monitor(shared, SecondTicks.Every(scheduler),
            settings with { ReportIdleIntervals = true }, scheduler, backfill));

    /// <summary>CONTRACT.md "Alerts" and "Reports", top to bottom.</summary>
    /// <remarks>Everything below the clock runs on its thread, synchronously, one closed second at a time. At one
    /// instant the alert comes before the report ending there: the decision reaches the alerts before the interval
    /// it closes is folded into a report. The summary waits for everything else to end.</remarks>
    private static IObservable<MonitorEvent> Monitor(IObservable<ParsedBatch> batches,
        IObservable<SecondBoundary> boundaries, MonitorSettings settings, IScheduler scheduler,
        IObservable<ParsedBatch>? backfill = null)
    {
        var end = batches.IgnoreElements().Select(static _ => Unit.Default).Concat(Observable.Return(Unit.Default));
        return batches.ToClock(boundaries.TakeUntil(end), backfill?.TakeUntil(end))
            // Hits are counted in 1-second buckets [s, s+1), each closed at its boundary s + 1.
            .ToClosedSeconds(scheduler)
            .Publish(seconds => seconds
                .Where(static second => second.Clocked)
                // At every boundary b: the hits of [b − W, b), and the alert decided on their average.
                .ToWindowTotals(settings.WindowSeconds)
                .ToAlertDecisions(settings.Threshold, settings.WindowSeconds)
                .Publish(decisions => decisions
                    // Every interval, aligned to the epoch, closed at its end boundary after that boundary's decision.
                    .ToReportIntervals(settings.IntervalSeconds, settings.ReportIdleIntervals)
                    .Publish(intervals => Observable.Merge(
                        decisions.ToAlertEvents(),
                        intervals.ToTrafficReports(settings),
                        Summary(seconds, decisions, intervals, scheduler)))));
    }

    /// <summary>The run's summary, once everything else has ended: totals of every second read, the last decision,
    /// and the response times of every interval.</summary>
    private static IObservable<MonitorEvent> Summary(IObservable<ClosedSecond> seconds,
        IObservable<AlertDecision> decisions, IObservable<ReportInterval> intervals, IScheduler scheduler) =>
        Observable.Zip(
            seconds.Aggregate(new RunTotals(), static (totals, second) => totals.Add(second)),
            decisions.LastOrDefaultAsync(),
            intervals.Aggregate(new ResponseTimeHistogram(), static (times, interval) =>
            {
                times.Merge(interval.Traffic.ResponseTimes);
                return times;
            }),
            (totals, last, times) => (MonitorEvent)new RunSummary(
                totals.LastRecord is { } l ? totals.At(l + 1) : scheduler.Now.ToOffset(totals.Offset),
                totals.FirstRecord is { } f ? totals.At(f) : null,
                totals.LastRecord is { } e ? totals.At(e + 1) : null,
                totals.Hits, totals.Invalid, last?.AlertsRaised ?? 0, last?.Alerting ?? false,
                totals.FirstInvalidLine, times.Summarize()));
}
