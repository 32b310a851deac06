using RxLog.Aggregation;

namespace RxLog.Alerting.Rules;

/// <summary>One rule decided at one boundary (CONTRACT.md "Rules"): what it measured, and what its alert did there.
/// Each decision is the previous one's <see cref="Next"/>: a rule is a Scan, like the built-in one.</summary>
/// <param name="Closed">The second that closed at this boundary, valid during the <c>OnNext</c> that carries it (see
/// <see cref="ClosedSecond"/>): read its boundary and offset there.</param>
/// <param name="Value">What the rule measured; null where it makes no decision (too few hits, silence before
/// <c>first + W</c>).</param>
/// <param name="PendingSince">While not alerting: the boundary from which the raise condition has held (for <c>for</c>).</param>
/// <param name="NextWake">Log time: the next boundary at which this rule's decision can change without a line arriving.</param>
/// <param name="WakeChanged">True when <see cref="NextWake"/> differs from the previous decision's: ask the clock once.</param>
public sealed record RuleDecision(AlertRule Rule, ClosedSecond Closed, RuleValue? Value, bool Alerting,
    AlertTransition Transition, long RaisedAt, int AlertsRaised, long? PendingSince, long? NextWake, bool WakeChanged)
{
    /// <summary>The boundary <c>b</c> decided.</summary>
    public long Boundary => Closed.Boundary;

    /// <summary>Before the first boundary: no alert.</summary>
    public static RuleDecision None(AlertRule rule) =>
        new(rule, new ClosedSecond(0, 0, 0, null, null, null, TimeSpan.Zero, null, clocked: false), null, false,
            AlertTransition.None, 0, 0, null, null, false);

    /// <summary>The decision at <paramref name="closed"/>'s boundary, with <paramref name="window"/> slid there.</summary>
    /// <remarks>Raise when the condition has held at every boundary from <c>b − for</c> to <c>b</c> (a boundary where it
    /// does not hold, or where the rule makes no decision, starts the count again); recover at once. Equality changes
    /// nothing.</remarks>
    public RuleDecision Next(RuleWindow window, ClosedSecond closed)
    {
        long b = closed.Boundary;
        var (value, raise, recover) = Measure(window, b);
        bool alerting = Alerting;
        var transition = AlertTransition.None;
        long raisedAt = RaisedAt;
        int alerts = AlertsRaised;
        long? pending = null;
        if (!Alerting && raise)
        {
            pending = PendingSince ?? b;
            if (b - pending.Value >= Rule.ForSeconds)
            {
                (alerting, transition, raisedAt, alerts, pending) = (true, AlertTransition.Raised, b, alerts + 1, null);
            }
        }
        else if (Alerting && recover)
        {
            (alerting, transition) = (false, AlertTransition.Recovered);
        }

        long? wake = WakeAfter(window, b, alerting, pending);
        return new RuleDecision(Rule, closed, value, alerting, transition, raisedAt, alerts, pending, wake, wake != NextWake);
    }

    private (RuleValue? Value, bool Raise, bool Recover) Measure(RuleWindow window, long b)
    {
        double t = Rule.Threshold;
        switch (Rule.Kind)
        {
            case RuleKind.Rate:
            {
                double rate = (double)window.Matching / Rule.WindowSeconds;
                return (new RuleValue(rate, window.Matching, 0), rate > t, rate < t);
            }
            case RuleKind.Ratio:
            {
                if (window.All < Math.Max(1, Rule.MinHits)) return (null, false, false);
                double ratio = (double)window.Matching / window.All;
                return (new RuleValue(ratio, window.Matching, window.All), ratio > t, ratio < t);
            }
            case RuleKind.Latency:
            {
                var times = window.Times!;
                if (times.Count < Math.Max(1, Rule.MinHits)) return (null, false, false);
                double micros = times.Percentile(Rule.Percentile);
                return (new RuleValue(micros, times.Count, 0), micros > t, micros < t);
            }
            default:
            {
                if (window.First is not { } first || b < first + Rule.WindowSeconds) return (null, false, false);
                long silentSince = window.LastMatch is { } last ? last + 1 : first;
                long silent = b - silentSince;
                bool quiet = silent >= Rule.WindowSeconds;
                return (new RuleValue(silent, 0, 0), quiet, !quiet);
            }
        }
    }

    // The first boundary after b at which the decision can change with no line arriving (lines bring their own):
    // a `for` running out, a second leaving the window where a leave can matter, silence setting in.
    private long? WakeAfter(RuleWindow window, long b, bool alerting, long? pending)
    {
        long? wake = null;
        void Consider(long? at)
        {
            if (at is { } a && a > b && (wake is null || a < wake)) wake = a;
        }

        if (pending is { } since) Consider(since + Rule.ForSeconds);
        switch (Rule.Kind)
        {
            case RuleKind.Rate:
                // A leaving second only lowers the rate: it can recover an alert or end a `for`, never raise.
                if (alerting || pending is not null) Consider(window.NextLeave);
                break;
            case RuleKind.Ratio:
            case RuleKind.Latency:
                Consider(window.NextLeave);   // a leave can move these either way
                break;
            case RuleKind.Silence:
                if (!alerting && window.First is { } first)
                    Consider(Math.Max(first, window.LastMatch is { } last ? last + 1 : first) + Rule.WindowSeconds);
                break;
        }
        return wake;
    }
}
