using System.Reactive.Linq;
using RxLog.Aggregation;
using RxLog.Pipeline;

namespace RxLog.Alerting.Rules;

/// <summary>Rx façade of the rules file (CONTRACT.md "Rules"): each rule one more Scan over the same closed seconds,
/// knowing nothing of the others; zipped, the rules' decisions ride on the built-in rule's decision at each boundary,
/// so reports, events and the summary see every rule at the same instant. Composition only; the logic is in
/// <see cref="RuleWindow"/> and <see cref="RuleDecision.Next"/>.</summary>
public static class RuleAlerts
{
    /// <summary>One rule decided at each closed second's boundary: a Scan of <see cref="RuleDecision.Next"/> over its
    /// window (one per subscription) slid to each second.</summary>
    public static IObservable<RuleDecision> ToRuleDecisions(this IObservable<ClosedSecond> seconds, AlertRule rule,
        int slot) =>
        Observable.Defer(() =>
        {
            var window = new RuleWindow(rule, slot);
            return seconds.Scan(RuleDecision.None(rule), (previous, closed) => previous.Next(window.Slide(closed), closed));
        });

    /// <summary>Each built-in decision with every rule's decision at the same boundary (<paramref name="rules"/> null:
    /// the decisions as they are).</summary>
    /// <remarks>Every Scan reads the same published seconds and decides once per second, so <c>Zip</c>'s queues empty
    /// within each second's <c>OnNext</c>: the decision it holds is still that second's (decisions are handed on, not
    /// kept: <see cref="AlertDecision"/>). A rule stream that skipped seconds would break that lockstep.</remarks>
    public static IObservable<AlertDecision> WithRules(this IObservable<AlertDecision> decisions,
        IObservable<ClosedSecond> seconds, RuleSet? rules)
    {
        if (rules is null || rules.Rules.Count == 0) return decisions;
        var each = rules.Rules.Select((rule, i) => seconds.ToRuleDecisions(rule, rules.SlotOf(i)));
        return decisions.Zip(Observable.Zip(each), static (decision, states) => decision.With(states.ToArray()));
    }

    /// <summary>The rules' alerts and recoveries, in file order at each boundary.</summary>
    public static IObservable<MonitorEvent> ToRuleEvents(this IObservable<AlertDecision> decisions) =>
        decisions.Where(static d => d.Rules is not null).SelectMany(static d => Transitions(d.Rules!));

    private static IEnumerable<MonitorEvent> Transitions(IReadOnlyList<RuleDecision> rules)
    {
        foreach (var rule in rules)
        {
            if (rule.Transition == AlertTransition.Raised)
                yield return new RuleRaised(rule.Closed.At(rule.Boundary), rule.Rule, rule.Value!.Value);
            else if (rule.Transition == AlertTransition.Recovered)
                yield return new RuleRecovered(rule.Closed.At(rule.Boundary), rule.Rule, rule.Value!.Value,
                    rule.Boundary - rule.RaisedAt);
        }
    }

    /// <summary>Log time: the boundaries the rules need beyond those of the lines, each asked for once by the rule that
    /// needs it (<see cref="RuleDecision.NextWake"/>).</summary>
    public static IObservable<SecondBoundary> ToRuleWakeUps(this IObservable<AlertDecision> decisions) =>
        decisions.Where(static d => d.Rules is not null).SelectMany(static d => WakeUps(d.Rules!));

    private static IEnumerable<SecondBoundary> WakeUps(IReadOnlyList<RuleDecision> rules)
    {
        foreach (var rule in rules)
            if (rule.WakeChanged && rule.NextWake is { } wake) yield return new SecondBoundary(wake);
    }
}
