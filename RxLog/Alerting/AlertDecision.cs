using RxLog.Aggregation;

namespace RxLog.Alerting;

/// <summary>The high-traffic rule decided at one boundary: the window after the closed second entered, and what the
/// alert did there. Each decision is the previous one's <see cref="Next"/>: the alert is a Scan.</summary>
/// <param name="Closed">The second that closed at this boundary (<see cref="ClosedSecond.Boundary"/>).</param>
/// <param name="WindowHits">Hits in <c>[b − W, b)</c>.</param>
/// <param name="Alerting">Whether an alert is active after this decision.</param>
/// <param name="Transition">What changed here: raised, recovered, or nothing.</param>
/// <param name="RaisedAt">The boundary the active (or just recovered) alert was raised at.</param>
/// <param name="AlertsRaised">Alerts raised so far, this one included.</param>
/// <param name="NextLeave">The boundary at which the window's oldest second leaves it; null when it is empty.</param>
/// <param name="Rules">The rules file's rules decided at the same boundary (<see cref="Rules.RuleAlerts.WithRules"/>);
/// null without a rules file.</param>
public sealed record AlertDecision(ClosedSecond Closed, long WindowHits, double Threshold, int WindowSeconds,
    bool Alerting, AlertTransition Transition, long RaisedAt, int AlertsRaised, long? NextLeave = null,
    IReadOnlyList<Rules.RuleDecision>? Rules = null)
{
    /// <summary>The boundary <c>b</c> decided.</summary>
    public long Boundary => Closed.Boundary;

    /// <summary>Exact <c>WindowHits / W</c>, from the integer total each time.</summary>
    public double Average => (double)WindowHits / WindowSeconds;

    /// <summary>Before the first boundary: nothing in the window, no alert.</summary>
    public static AlertDecision None(double threshold, int windowSeconds) =>
        new(new ClosedSecond(0, 0, 0, null, null, null, TimeSpan.Zero, null, Clocked: false), 0, threshold,
            windowSeconds, false, AlertTransition.None, 0, 0);

    /// <summary>The decision at the boundary of <paramref name="total"/>, after this one (CONTRACT.md "Alerts"): not
    /// alerting, <c>avg &gt; T</c> raises; alerting, <c>avg &lt; T</c> recovers; <c>avg == T</c> changes nothing.</summary>
    public AlertDecision Next(WindowTotal total)
    {
        double average = (double)total.Hits / WindowSeconds;
        if (!Alerting && average > Threshold)
            return new(total.Closed, total.Hits, Threshold, WindowSeconds, true, AlertTransition.Raised,
                total.Closed.Boundary, AlertsRaised + 1, total.NextLeave);
        if (Alerting && average < Threshold)
            return new(total.Closed, total.Hits, Threshold, WindowSeconds, false, AlertTransition.Recovered, RaisedAt,
                AlertsRaised, total.NextLeave);
        return new(total.Closed, total.Hits, Threshold, WindowSeconds, Alerting, AlertTransition.None, RaisedAt,
            AlertsRaised, total.NextLeave);
    }
}
