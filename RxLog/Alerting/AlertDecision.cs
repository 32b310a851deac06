using RxLog.Aggregation;

namespace RxLog.Alerting;

/// <summary>The high-traffic rule decided at one boundary: the window after the closed second entered, and what the
/// alert did there. Each decision follows from the previous one (<see cref="Next"/>): the alert is a Scan.</summary>
/// <remarks>In the pipeline the Scan's state is one instance per subscription, decided again in place at every
/// boundary (<see cref="DecideNext"/>), so like the closed second it carries it is valid during the <c>OnNext</c> that
/// carries it: a quiet log decides a second per line, and a new decision for each was half of what its replay
/// allocated. Stages read it there and keep what they make of it; <see cref="Copy"/> keeps one whole.</remarks>
public sealed class AlertDecision
{
    /// <param name="closed">The second that closed at this boundary (<see cref="ClosedSecond.Boundary"/>).</param>
    /// <param name="windowHits">Hits in <c>[b − W, b)</c>.</param>
    /// <param name="threshold">The threshold T in hits per second.</param>
    /// <param name="windowSeconds">The window W in seconds.</param>
    /// <param name="alerting">Whether an alert is active after this decision.</param>
    /// <param name="transition">What changed here: raised, recovered, or nothing.</param>
    /// <param name="raisedAt">The boundary the active (or just recovered) alert was raised at.</param>
    /// <param name="alertsRaised">Alerts raised so far, this one included.</param>
    /// <param name="nextLeave">The boundary at which the window's oldest second leaves it; null when it is empty.</param>
    /// <param name="rules">The rules file's rules decided at the same boundary (<see cref="Rules.RuleAlerts.WithRules"/>);
    /// null without a rules file.</param>
    public AlertDecision(ClosedSecond closed, long windowHits, double threshold, int windowSeconds, bool alerting,
        AlertTransition transition, long raisedAt, int alertsRaised, long? nextLeave = null,
        IReadOnlyList<Rules.RuleDecision>? rules = null)
    {
        Closed = closed;
        WindowHits = windowHits;
        Threshold = threshold;
        WindowSeconds = windowSeconds;
        Alerting = alerting;
        Transition = transition;
        RaisedAt = raisedAt;
        AlertsRaised = alertsRaised;
        NextLeave = nextLeave;
        Rules = rules;
    }

    public ClosedSecond Closed { get; private set; }
    public long WindowHits { get; private set; }
    public double Threshold { get; }
    public int WindowSeconds { get; }
    public bool Alerting { get; private set; }
    public AlertTransition Transition { get; private set; }
    public long RaisedAt { get; private set; }
    public int AlertsRaised { get; private set; }
    public long? NextLeave { get; private set; }
    public IReadOnlyList<Rules.RuleDecision>? Rules { get; }

    /// <summary>The boundary <c>b</c> decided.</summary>
    public long Boundary => Closed.Boundary;

    /// <summary>Exact <c>WindowHits / W</c>, from the integer total each time.</summary>
    public double Average => (double)WindowHits / WindowSeconds;

    /// <summary>Before the first boundary: nothing in the window, no alert.</summary>
    public static AlertDecision None(double threshold, int windowSeconds) =>
        new(new ClosedSecond(0, 0, 0, null, null, null, TimeSpan.Zero, null, clocked: false), 0, threshold,
            windowSeconds, false, AlertTransition.None, 0, 0);

    /// <summary>The decision at the boundary of <paramref name="total"/>, after this one, as a new decision.</summary>
    public AlertDecision Next(WindowTotal total) => With(rules: null).DecideNext(total);

    /// <summary>The decision at the boundary of <paramref name="total"/> (CONTRACT.md "Alerts"), made in this instance:
    /// not alerting, <c>avg &gt; T</c> raises; alerting, <c>avg &lt; T</c> recovers; <c>avg == T</c> changes nothing.</summary>
    internal AlertDecision DecideNext(WindowTotal total)
    {
        double average = (double)total.Hits / WindowSeconds;
        if (!Alerting && average > Threshold)
        {
            Alerting = true;
            Transition = AlertTransition.Raised;
            RaisedAt = total.Closed.Boundary;
            AlertsRaised++;
        }
        else if (Alerting && average < Threshold)
        {
            Alerting = false;
            Transition = AlertTransition.Recovered;
        }
        else Transition = AlertTransition.None;
        Closed = total.Closed;
        WindowHits = total.Hits;
        NextLeave = total.NextLeave;
        return this;
    }

    /// <summary>This decision with the rules decided at the same boundary, as a new decision.</summary>
    public AlertDecision With(IReadOnlyList<Rules.RuleDecision>? rules) =>
        new(Closed, WindowHits, Threshold, WindowSeconds, Alerting, Transition, RaisedAt, AlertsRaised, NextLeave, rules);

    /// <summary>This decision and its closed second as they are now, to keep past its <c>OnNext</c>.</summary>
    public AlertDecision Copy() =>
        new(Closed.Copy(), WindowHits, Threshold, WindowSeconds, Alerting, Transition, RaisedAt, AlertsRaised, NextLeave,
            Rules);

    public override string ToString() =>
        $"b={Boundary} hits={WindowHits} {Transition} alerting={Alerting}";
}
