namespace RxLog.Aggregation;

/// <summary>Hits and bytes sent of one client within a report.</summary>
public readonly record struct ClientCount(string Client, long Hits, long Bytes);
