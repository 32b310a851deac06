using RxLog.Aggregation;

namespace RxLog.Alerting;

/// <summary>The alert window's hit total at one boundary: the closed second entered, the seconds before <c>b − W</c>
/// left.</summary>
public readonly record struct WindowTotal(ClosedSecond Closed, long Hits);
