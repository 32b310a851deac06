using RxLog.Aggregation;
using RxLog.Alerting;
using RxLog.Alerting.Rules;
using RxLog.Pipeline;

namespace RxLog.Rendering;

/// <summary>Each rule as the run's events leave it: alerting or not, how many alerts it raised, its value at the last
/// report. One reading of the events for <c>/metrics</c> and <c>/api/status</c> alike.</summary>
/// <remarks>Not thread-safe: its owners hold their own lock.</remarks>
public sealed class RuleStates
{
    private readonly List<Rule> _rules = new();

    /// <param name="names">The rules known before the run, in the order they are listed (the built-in one first).</param>
    public RuleStates(IEnumerable<string> names)
    {
        foreach (string name in names) _rules.Add(new Rule(name));
    }

    /// <summary>Every rule, those named at the start first, then any other an event named.</summary>
    public IReadOnlyList<Rule> All => _rules;

    /// <summary>The rule named <paramref name="name"/>, listed from now on if it was not.</summary>
    public Rule this[string name]
    {
        get
        {
            foreach (var rule in _rules)
                if (rule.Name == name) return rule;
            var added = new Rule(name);
            _rules.Add(added);
            return added;
        }
    }

    /// <summary>Follows an alert, a recovery, or a report's values; other events pass.</summary>
    public void OnEvent(MonitorEvent monitorEvent)
    {
        switch (monitorEvent)
        {
            case TrafficReport { Metrics: { } metrics }:
                foreach (var value in metrics.Rules) this[value.Rule].Value = value.Value;
                break;
            case AlertRaised: Raised(AlertRule.HighTrafficName); break;
            case AlertRecovered: this[AlertRule.HighTrafficName].Active = false; break;
            case RuleRaised raised: Raised(raised.Rule.Name); break;
            case RuleRecovered recovered: this[recovered.Rule.Name].Active = false; break;
        }
    }

    private void Raised(string name)
    {
        var rule = this[name];
        rule.Active = true;
        rule.Alerts++;
    }

    /// <summary>One rule now.</summary>
    public sealed class Rule(string name)
    {
        public string Name { get; } = name;

        public bool Active { get; set; }

        public long Alerts { get; set; }

        /// <summary>At the last report, in metric units (<see cref="ReportMetrics.Rules"/>); null before it, or when the
        /// rule made no decision.</summary>
        public double? Value { get; set; }
    }
}
