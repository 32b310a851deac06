using System.Reactive.Linq;
using RxLog.Aggregation;
using RxLog.Pipeline;

namespace RxLog.Alerting;

/// <summary>Rx façade of the high-traffic rule: closed seconds → decisions → alerts and recoveries
/// (CONTRACT.md "Alerts"). Composition only; the logic is in <see cref="HitRateWindow"/> and
/// <see cref="AlertDecision.Next"/>.</summary>
public static class HighTrafficAlerts
{
    /// <summary>The rule decided at each closed second's boundary: one Scan over the seconds, each slid into a
    /// <see cref="HitRateWindow"/> and decided on the window's total (<see cref="AlertDecision.DecideNext"/>). The
    /// window and the decision are the Scan's state, one of each per subscription, the decision made again in place at
    /// every boundary (see <see cref="AlertDecision"/> on keeping one).</summary>
    /// <remarks>One closed second, one boundary, one decision: a second entering and others leaving at the same boundary
    /// are one step, never two decisions. Seconds leave at the first boundary at or after <c>s + 1 + W</c>: a total is
    /// exact at every boundary, and where a leaving second can change a decision the clock is asked for a boundary
    /// exactly there (<see cref="ToLeaveWakeUps"/>). One stage, not a Scan of totals then a Scan of decisions: each stage
    /// is a call per closed second, which a quiet log has one of per line.</remarks>
    public static IObservable<AlertDecision> ToAlertDecisions(this IObservable<ClosedSecond> seconds, double threshold,
        int windowSeconds) =>
        Observable.Defer(() =>
        {
            var window = new HitRateWindow(windowSeconds);
            return seconds.Scan(AlertDecision.None(threshold, windowSeconds), (alert, closed) =>
                alert.DecideNext(new WindowTotal(closed, window.Slide(closed), window.NextLeave)));
        });

    /// <summary>The boundaries the rule needs beyond those of the lines: while alerting, the one at which the window's
    /// oldest second leaves, so a recovery comes at its exact second, in a gap of the log too.</summary>
    /// <remarks>Only a second leaving lowers the total, and a lower total can only recover an alert: while not
    /// alerting no leaving second can change a decision, and the clock skips those boundaries. Each request follows
    /// from the decision at the previous one, so a whole recovery takes one boundary per second that leaves.</remarks>
    public static IObservable<SecondBoundary> ToLeaveWakeUps(this IObservable<AlertDecision> decisions) =>
        decisions
            .Where(static d => d.Alerting && d.NextLeave is not null)
            .Select(static d => new SecondBoundary(d.NextLeave!.Value))
            .DistinctUntilChanged();

    /// <summary>The alerts and recoveries among the decisions, as users see them, at their boundary.</summary>
    /// <param name="labels">The labels a rules file gives the built-in rule, passed on with each event.</param>
    public static IObservable<MonitorEvent> ToAlertEvents(this IObservable<AlertDecision> decisions,
        IReadOnlyList<KeyValuePair<string, string>>? labels = null) =>
        decisions.Where(static d => d.Transition != AlertTransition.None).Select(MonitorEvent (d) =>
            d.Transition == AlertTransition.Raised
                ? new AlertRaised(d.Closed.At(d.Boundary), d.WindowHits, d.Average, d.Threshold, d.WindowSeconds, labels)
                : new AlertRecovered(d.Closed.At(d.Boundary), d.WindowHits, d.Average, d.Threshold, d.WindowSeconds,
                    d.Boundary - d.RaisedAt, labels));
}
