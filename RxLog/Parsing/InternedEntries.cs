namespace RxLog.Parsing;

/// <summary>The <see cref="InternTable"/> entries of a record's section and client (meaningless for one it lacks).
/// An entry stands for one string until its table starts over, then for another: whoever counts by entry keeps the
/// string too and tells them apart by reference.</summary>
public readonly record struct InternedEntries(int Section, int Client);
