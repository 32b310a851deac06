using RxLog.Pipeline;

namespace RxLog.Alerting;

/// <summary>The window average went above the threshold at <see cref="MonitorEvent.Time"/>.</summary>
/// <param name="WindowHits">Hits in the window <c>[Time − Window, Time)</c>.</param>
/// <param name="Average">Exact <c>WindowHits / Window</c>.</param>
public sealed record AlertRaised(DateTimeOffset Time, long WindowHits, double Average, double Threshold, int WindowSeconds)
    : MonitorEvent(Time);
