using RxLog.Pipeline;

namespace RxLog.Alerting.Rules;

/// <summary>A rule from the rules file raised an alert at <see cref="MonitorEvent.Time"/>.</summary>
public sealed record RuleRaised(DateTimeOffset Time, AlertRule Rule, RuleValue Value) : MonitorEvent(Time);

/// <summary>A rule from the rules file recovered at <see cref="MonitorEvent.Time"/>, ending its alert.</summary>
/// <param name="DurationSeconds">Seconds since the alert was raised.</param>
public sealed record RuleRecovered(DateTimeOffset Time, AlertRule Rule, RuleValue Value, long DurationSeconds)
    : MonitorEvent(Time);
