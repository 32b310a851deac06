using RxLog.Pipeline;

namespace RxLog.Alerting;

/// <summary>The window average went below the threshold at <see cref="MonitorEvent.Time"/>, ending an alert.</summary>
/// <param name="DurationSeconds">Seconds since the alert was raised.</param>
/// <param name="Labels">The labels a rules file gives the built-in rule; null when none.</param>
public sealed record AlertRecovered(DateTimeOffset Time, long WindowHits, double Average, double Threshold, int WindowSeconds,
    long DurationSeconds, IReadOnlyList<KeyValuePair<string, string>>? Labels = null) : MonitorEvent(Time);
