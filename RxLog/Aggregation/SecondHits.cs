namespace RxLog.Aggregation;

/// <summary>Hits dated in one Unix second.</summary>
public readonly record struct SecondHits(long Second, long Hits);
