using RxLog.Aggregation;

namespace RxLog.Alerting.Rules;

/// <summary>The rules of a rules file, ready to run: the file's own rules in file order, what it says of the built-in
/// <c>high_traffic</c>, and the slots of the rules that look at each record.</summary>
public sealed class RuleSet
{
    private readonly int[] _slots;

    /// <param name="rules">The file's rules, <c>high_traffic</c> excluded.</param>
    /// <param name="highTraffic">The built-in rule as the file redefines it (rate, window, labels, summary); null when it does not.</param>
    /// <param name="highTrafficOff">True when the file turns the built-in rule off.</param>
    public RuleSet(IReadOnlyList<AlertRule> rules, AlertRule? highTraffic = null, bool highTrafficOff = false)
    {
        Rules = rules;
        HighTraffic = highTraffic;
        HighTrafficOff = highTrafficOff;
        _slots = new int[rules.Count];
        var slots = new List<(RuleScope, bool)>();
        for (int i = 0; i < rules.Count; i++)
        {
            _slots[i] = rules[i].NeedsRecords ? slots.Count : -1;
            if (rules[i].NeedsRecords) slots.Add((rules[i].Scope, rules[i].Kind == RuleKind.Latency));
        }
        Slots = slots;
    }

    /// <summary>The file's own rules, in file order.</summary>
    public IReadOnlyList<AlertRule> Rules { get; }

    /// <summary>The built-in rule as redefined; null when the file leaves it as the options make it.</summary>
    public AlertRule? HighTraffic { get; }

    /// <summary>True when the file turns the built-in rule off.</summary>
    public bool HighTrafficOff { get; }

    /// <summary>Each slot's scope and whether it keeps response times.</summary>
    public IReadOnlyList<(RuleScope Scope, bool Timed)> Slots { get; }

    /// <summary>True when some rule looks at each record: the lines must then be counted one by one on the clock's thread.</summary>
    public bool NeedsRecords => Slots.Count > 0;

    /// <summary>Where rule <paramref name="index"/>'s counts are in a second's <see cref="RuleTally"/>; -1 for every hit.</summary>
    public int SlotOf(int index) => _slots[index];

    /// <summary>Matchers for one counting thread; null when no rule looks at records.</summary>
    public RuleScopes? NewScopes() => NeedsRecords ? new RuleScopes(Slots) : null;
}
