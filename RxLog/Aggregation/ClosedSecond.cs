namespace RxLog.Aggregation;

/// <summary>One second of the clock, closed at its end boundary: what was read in it. The unit every report, window
/// and rule is built from (CONTRACT.md "Alerts": hits are counted in 1-second buckets).</summary>
/// <param name="Second">The second <c>[Second, Second + 1)</c>; it is decided at its <see cref="Boundary"/>.</param>
/// <param name="Hits">Records counted in it: a late record counts in the clock's second, never its own.</param>
/// <param name="Invalid">Invalid lines counted in it.</param>
/// <param name="Traffic">Records and invalid lines counted one by one in this second; null when none were. Handed
/// on to the report of its interval, which may count on in it: read it while the second is being closed, not after.</param>
/// <param name="Tallies">Parts of report intervals that parsing workers counted ahead (<c>ChunkTally</c>), whole:
/// each belongs to the report of this second's interval. Null when none.</param>
/// <param name="Backfilled">Hits from before the run (<c>watch</c>'s backfill) by their own second, for the alert
/// window only: no report or summary counts them. Null when none.</param>
/// <param name="Offset">The display offset: the first record's (or a backfilled one's, before any), UTC before that.</param>
/// <param name="FirstInvalidText">The first invalid line of this second, as read, when there was one.</param>
/// <param name="Clocked">False only for what was read with no clock at all (invalid lines and no record nor boundary
/// before the end): counted by the summary, decided and reported nowhere.</param>
/// <param name="Rules">Counts for the rules that look at each record (<see cref="RuleScopes"/>); null when there are
/// none, or when this second held no record.</param>
public sealed record ClosedSecond(long Second, long Hits, long Invalid, TrafficAccumulator? Traffic,
    IReadOnlyList<TrafficAccumulator>? Tallies, IReadOnlyList<SecondHits>? Backfilled, TimeSpan Offset,
    string? FirstInvalidText, bool Clocked = true, RuleTally? Rules = null, SourceHits? Sources = null)
{
    /// <summary>The boundary <c>Second + 1</c> at which this second enters the alert window and is decided.</summary>
    public long Boundary => Second + 1;

    /// <summary>True when it holds nothing a report counts (it may still fill the window with backfilled hits).</summary>
    public bool IsEmpty => Hits == 0 && Invalid == 0;

    /// <summary>A Unix second as shown to users: in this second's display offset.</summary>
    public DateTimeOffset At(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToOffset(Offset);
}
