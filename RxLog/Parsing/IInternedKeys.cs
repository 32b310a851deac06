namespace RxLog.Parsing;

/// <summary>A parser that interns sections and clients into tables of its own, telling where the record it returned
/// last sits in them, so a worker can count keys by entry (<c>Aggregation/InternedKeyCounts</c>) instead of hashing
/// them again.</summary>
public interface IInternedKeys
{
    /// <summary>Where the last record's section and client were interned (one call per line, not three).</summary>
    InternedEntries LastEntries { get; }
}
