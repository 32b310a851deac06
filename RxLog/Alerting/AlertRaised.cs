using RxLog.Pipeline;

namespace RxLog.Alerting;

/// <summary>The window average went above the threshold at <see cref="MonitorEvent.Time"/>.</summary>
/// <param name="WindowHits">Hits in the window <c>[Time − Window, Time)</c>.</param>
/// <param name="Average">Exact <c>WindowHits / Window</c>.</param>
/// <param name="Labels">The labels a rules file gives the built-in rule; null when none.</param>
public sealed record AlertRaised(DateTimeOffset Time, long WindowHits, double Average, double Threshold, int WindowSeconds,
    IReadOnlyList<KeyValuePair<string, string>>? Labels = null)
    : MonitorEvent(Time);
