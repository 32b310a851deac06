namespace RxLog.Aggregation;

/// <summary>One second of the clock, closed at its end boundary: what was read in it. The unit every report, window
/// and rule is built from (CONTRACT.md "Alerts": hits are counted in 1-second buckets).</summary>
/// <remarks>Handed on like the lines it counted: valid during the <c>OnNext</c> that carries it. The clock closes a
/// second per line of a quiet log, so <see cref="OpenSecond"/> fills one instance again at every close instead of
/// making a new one (a year of a quiet site made a million, and the garbage collections they caused were a tenth of
/// its replay). Stages read it there and keep only what they make of it: the window its hits, a report its counts,
/// the summary its totals. <see cref="Copy"/> keeps one whole.</remarks>
public sealed class ClosedSecond
{
    /// <param name="second">The second <c>[Second, Second + 1)</c>; it is decided at its <see cref="Boundary"/>.</param>
    /// <param name="hits">Records counted in it: a late record counts in the clock's second, never its own.</param>
    /// <param name="invalid">Invalid lines counted in it.</param>
    /// <param name="traffic">Records and invalid lines counted one by one in this second; null when none were.
    /// Handed on to the report of its interval, which may count on in it.</param>
    /// <param name="tallies">Parts of report intervals that parsing workers counted ahead (<c>ChunkTally</c>), whole:
    /// each belongs to the report of this second's interval. Null when none.</param>
    /// <param name="backfilled">Hits from before the run (<c>watch</c>'s backfill) by their own second, for the alert
    /// window only: no report or summary counts them. Null when none.</param>
    /// <param name="offset">The display offset: the first record's (or a backfilled one's, before any), UTC before that.</param>
    /// <param name="firstInvalidText">The first invalid line of this second, as read, when there was one.</param>
    /// <param name="clocked">False only for what was read with no clock at all (invalid lines and no record nor
    /// boundary before the end): counted by the summary, decided and reported nowhere.</param>
    /// <param name="rules">Counts for the rules that look at each record (<see cref="RuleScopes"/>); null when there
    /// are none, or when this second held no record.</param>
    /// <param name="sources">Hits by source (<c>rxlog receive</c>'s hosts); null when not counted.</param>
    public ClosedSecond(long second, long hits, long invalid, TrafficAccumulator? traffic,
        IReadOnlyList<TrafficAccumulator>? tallies, IReadOnlyList<SecondHits>? backfilled, TimeSpan offset,
        string? firstInvalidText, bool clocked = true, RuleTally? rules = null, SourceHits? sources = null) =>
        Set(second, hits, invalid, traffic, tallies, backfilled, offset, firstInvalidText, clocked, rules, sources);

    public long Second { get; private set; }
    public long Hits { get; private set; }
    public long Invalid { get; private set; }
    public TrafficAccumulator? Traffic { get; private set; }
    public IReadOnlyList<TrafficAccumulator>? Tallies { get; private set; }
    public IReadOnlyList<SecondHits>? Backfilled { get; private set; }
    public TimeSpan Offset { get; private set; }
    public string? FirstInvalidText { get; private set; }
    public bool Clocked { get; private set; }
    public RuleTally? Rules { get; private set; }
    public SourceHits? Sources { get; private set; }

    /// <summary>The boundary <c>Second + 1</c> at which this second enters the alert window and is decided.</summary>
    public long Boundary => Second + 1;

    /// <summary>True when it holds nothing a report counts (it may still fill the window with backfilled hits).</summary>
    public bool IsEmpty => Hits == 0 && Invalid == 0;

    /// <summary>A Unix second as shown to users: in this second's display offset.</summary>
    public DateTimeOffset At(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToOffset(Offset);

    /// <summary>This second as it is now, to keep past its <c>OnNext</c>.</summary>
    public ClosedSecond Copy() =>
        new(Second, Hits, Invalid, Traffic, Tallies, Backfilled, Offset, FirstInvalidText, Clocked, Rules, Sources);

    /// <summary>The next second closed (<see cref="OpenSecond"/>): this instance, filled again.</summary>
    internal ClosedSecond Set(long second, long hits, long invalid, TrafficAccumulator? traffic,
        IReadOnlyList<TrafficAccumulator>? tallies, IReadOnlyList<SecondHits>? backfilled, TimeSpan offset,
        string? firstInvalidText, bool clocked, RuleTally? rules, SourceHits? sources)
    {
        Second = second;
        Hits = hits;
        Invalid = invalid;
        Traffic = traffic;
        Tallies = tallies;
        Backfilled = backfilled;
        Offset = offset;
        FirstInvalidText = firstInvalidText;
        Clocked = clocked;
        Rules = rules;
        Sources = sources;
        return this;
    }

    public override string ToString() => $"second {Second}: {Hits} hits, {Invalid} invalid";
}
