using RxLog.Aggregation;

namespace RxLog.Alerting;

/// <summary>The alert window's hit total at one boundary: the closed second entered, the seconds before <c>b − W</c>
/// left.</summary>
/// <param name="NextLeave">The boundary at which the oldest second in the window leaves it; null when it is empty.</param>
public readonly record struct WindowTotal(ClosedSecond Closed, long Hits, long? NextLeave);
