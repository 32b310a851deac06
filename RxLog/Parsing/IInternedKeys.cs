namespace RxLog.Parsing;

/// <summary>A parser that interns sections and clients into tables of its own, telling where the record it returned
/// last sits in them, so a worker can count keys by entry (<c>Aggregation/InternedKeyCounts</c>) instead of hashing
/// them again.</summary>
public interface IInternedKeys
{
    /// <summary>Where the last record's section and client were interned (one call per line, not three).</summary>
    InternedEntries LastEntries { get; }
}

/// <summary>The <see cref="InternTable"/> entries of a record's section and client (meaningless for one it lacks).
/// An entry stands for one string until its table starts over, then for another: whoever counts by entry keeps the
/// string too and tells them apart by reference.</summary>
public readonly record struct InternedEntries(int Section, int Client);
