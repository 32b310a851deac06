namespace RxLog.Aggregation;

/// <summary>Hits and bytes of one key (a section, a client) counted by <see cref="TopCounter"/>.</summary>
internal readonly record struct KeyCount(string Key, long Hits, long Bytes);
