namespace RxLog.Aggregation;

/// <summary>Hits and bytes of one key (a section, a client) counted by <see cref="TopCounter"/>.</summary>
internal readonly record struct KeyCount(string Key, long Hits, long Bytes);

/// <summary>A key's running hits and bytes, updated in place inside a dictionary.</summary>
internal struct Tally
{
    public long Hits;
    public long Bytes;
}
