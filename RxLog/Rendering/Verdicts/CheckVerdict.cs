using RxLog.Pipeline;

namespace RxLog.Rendering.Verdicts;

/// <summary>What a finished <c>check</c> decided, per rule, as CI systems are told it: the input, the summary, and each
/// rule with its alerts and recoveries. Rules are the run's (the built-in one unless turned off, then the rules file's),
/// so a rule that never fired is a passing test case.</summary>
public sealed record CheckVerdict(string Input, RunSummary Summary, IReadOnlyList<RuleVerdict> Rules)
{
    /// <summary>Rules that raised at least one alert.</summary>
    public int Failed => Rules.Count(r => r.Fired);

    public static CheckVerdict Of(string input, RunSummary summary, IReadOnlyList<AlertEntry> entries)
    {
        var names = summary.Rules?.Select(r => r.Rule).ToList()
                    ?? [Alerting.Rules.AlertRule.HighTrafficName];
        var rules = names.Select(name => new RuleVerdict(name, entries.Where(e => e.Rule == name).ToList(),
            summary.Rules?.FirstOrDefault(r => r.Rule == name)?.Alerting ?? summary.Alerting)).ToList();
        return new CheckVerdict(input, summary, rules);
    }
}

/// <summary>One rule's part of a verdict: its alerts and recoveries, and whether it was still alerting at the end.</summary>
public sealed record RuleVerdict(string Rule, IReadOnlyList<AlertEntry> Entries, bool StillAlerting)
{
    public int Alerts => Entries.Count(e => e.Raised);

    public bool Fired => Alerts > 0;
}
