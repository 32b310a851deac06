namespace RxLog.Aggregation;

/// <summary>Hits by status class; codes outside 200..599 (1xx, odd codes) and hits whose
/// format has no status (<see cref="RxLog.Parsing.LogRecord.Status"/> 0) are counted in <see cref="Other"/>.</summary>
public readonly record struct StatusMix(long S2xx, long S3xx, long S4xx, long S5xx, long Other);
