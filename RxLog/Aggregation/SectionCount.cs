namespace RxLog.Aggregation;

/// <summary>Hits of one section within a report.</summary>
public readonly record struct SectionCount(string Section, long Hits);
