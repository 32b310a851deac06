using System.Reactive.Linq;
using RxLog.Aggregation;
using RxLog.Alerting;

namespace RxLog.Pipeline;

/// <summary>Rx façade of the reports (CONTRACT.md "Reports"): the decided seconds cut into windows by the clock at each
/// aligned interval's end boundary, each window folded into a <see cref="ReportInterval"/>.</summary>
public static class TrafficReports
{
    /// <summary>One <see cref="ReportInterval"/> per interval <c>[start, start + I)</c>, emitted at its end boundary
    /// <c>start + I</c> (or at the end of input, for the last, partial one).</summary>
    /// <remarks>The second that closes at the end boundary is the interval's last (<c>start + I − 1</c>), and the clock
    /// brings that boundary to every interval that read something (<see cref="ClockBoundaries"/>; live modes: every
    /// second) before any later second closes, so a window closed at each end boundary holds exactly one interval's
    /// seconds. The window takes the decision at the end before it closes on it: <c>Window</c> subscribes to its
    /// source before its boundaries, and both come from one published stream. Seconds that read nothing and end no
    /// interval (log time: a second leaving the window) are left out: <paramref name="reportIdle"/> is off there, so
    /// a window that holds nothing (an end boundary in a gap of the log) folds into nothing. Per decided second, a
    /// window costs one forward; the grouping by key it replaced cost a delegate, a boxed pair and a lock.</remarks>
    public static IObservable<ReportInterval> ToReportIntervals(this IObservable<AlertDecision> decisions,
        int intervalSeconds, bool reportIdle) =>
        decisions
            .Where(decision => reportIdle || !decision.Closed.IsEmpty || IsEnd(decision, intervalSeconds))
            .Publish(kept => kept.Window(kept.Where(decision => IsEnd(decision, intervalSeconds))))
            .SelectMany(window => window.Aggregate((ReportInterval?)null, (report, decision) =>
                (report ?? new ReportInterval(ReportInterval.StartOf(decision.Closed.Second, intervalSeconds),
                    intervalSeconds)).Add(decision)))
            .Where(static report => report is not null)
            .Select(static report => report!);

    private static bool IsEnd(AlertDecision decision, int intervalSeconds) => decision.Boundary % intervalSeconds == 0;

    /// <summary>Each interval's counts go back for reuse (<see cref="ReportInterval.Release"/>) once every stage after
    /// this one has seen it: they read it within <c>OnNext</c> and keep only what they made of it (a report, the
    /// summary's response times). A quiet log writes a report every few lines, and a fresh set of tables for each was
    /// most of what a report allocated.</summary>
    public static IObservable<ReportInterval> ReleasedOnceSeen(this IObservable<ReportInterval> intervals) =>
        Observable.Create<ReportInterval>(observer => intervals.Subscribe(
            interval =>
            {
                observer.OnNext(interval);
                interval.Release();
            },
            observer.OnError,
            observer.OnCompleted));

    /// <summary>Log time: the end boundary of each interval that read something, asked of the clock when its first
    /// second with anything in it closes (a second closing at the end is that boundary already).</summary>
    /// <remarks>An end already asked for is let through no further than the filter (one per subscription): a quiet log
    /// closes a second per line, and a boundary made for each only to be dropped as a repeat was an object per line.</remarks>
    public static IObservable<SecondBoundary> ToEndWakeUps(this IObservable<AlertDecision> decisions, int intervalSeconds) =>
        Observable.Defer(() =>
        {
            long asked = long.MinValue;   // the end boundary last asked for
            return decisions
                .Where(decision => !decision.Closed.IsEmpty && EndOf(decision, intervalSeconds) is var end
                    && end > decision.Boundary && end != asked)
                .Select(decision => new SecondBoundary(asked = EndOf(decision, intervalSeconds)));
        });

    private static long EndOf(AlertDecision decision, int intervalSeconds) =>
        ReportInterval.StartOf(decision.Closed.Second, intervalSeconds) + intervalSeconds;

    /// <summary>The reports users see: every interval in live modes, those that counted something in <c>check</c>.</summary>
    public static IObservable<TrafficReport> ToTrafficReports(this IObservable<ReportInterval> intervals,
        MonitorSettings settings) =>
        intervals
            .Where(interval => settings.ReportIdleIntervals || !interval.IsEmpty)
            .Select(interval => interval.ToReport(settings.Top, settings.TopClients, settings.Metrics,
                builtInRule: settings.Rules?.HighTrafficOff != true, topHosts: settings.TopHosts));
}
