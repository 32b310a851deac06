using RxLog.Alerting;
using RxLog.Alerting.Rules;
using RxLog.Pipeline;

namespace RxLog.Rendering.Verdicts;

/// <summary>A view in front of another that keeps every alert and recovery of a run, per rule, for the verdicts written
/// once it has ended (JUnit, annotations, a step summary). Memory: one entry per alert or recovery, as the plain
/// output holds them anyway.</summary>
public sealed class AlertLog(IMonitorView inner) : IMonitorView
{
    private readonly List<AlertEntry> _entries = new();

    /// <summary>Every alert and recovery, in the order they happened.</summary>
    public IReadOnlyList<AlertEntry> Entries => _entries;

    public void OnEvent(MonitorEvent monitorEvent)
    {
        if (PlainTextFormat.AlertLine(monitorEvent) is { } line)
        {
            string rule = monitorEvent switch
            {
                RuleRaised a => a.Rule.Name,
                RuleRecovered r => r.Rule.Name,
                _ => AlertRule.HighTrafficName,
            };
            _entries.Add(new AlertEntry(rule, monitorEvent is AlertRaised or RuleRaised, monitorEvent.Time, line));
        }
        inner.OnEvent(monitorEvent);
    }

    public void OnNotice(string message) => inner.OnNotice(message);
}

/// <summary>One alert (<paramref name="Raised"/>) or recovery of a rule, with its line as the plain output prints it.</summary>
public sealed record AlertEntry(string Rule, bool Raised, DateTimeOffset Time, string Line);
