using RxLog.Parsing;

namespace RxLog.Aggregation;

/// <summary>The second the clock is in: counts the lines read since the last boundary, and closes into a
/// <see cref="ClosedSecond"/> at the next (the same instance each time, filled anew). Pure, no clock: it is told the
/// boundaries.</summary>
/// <remarks>Whatever arrives between two boundaries counts in the second before the second boundary, whatever its
/// own timestamp says: that is CONTRACT.md's clamped clock (a late record counts in the open second), and in live
/// modes the second a line arrives in. Invalid lines read before the first boundary count in the first closed
/// second, so they land in the first report (CONTRACT.md "Reports").</remarks>
public sealed class OpenSecond(RuleScopes? rules = null, bool countSources = false)
{
    // Every second closes into this one instance (ClosedSecond: valid during the OnNext that carries it).
    private readonly ClosedSecond _closed = new(0, 0, 0, null, null, null, TimeSpan.Zero, null);
    private long _hits, _invalid;
    private RuleTally? _rules;
    private SourceHits? _sources;
    private TrafficAccumulator? _traffic;
    private List<TrafficAccumulator>? _tallies;
    private List<SecondHits>? _backfilled;
    private string? _firstInvalidText;
    private long? _contentSecond;     // the clock's second when this second's first content arrived
    private long? _lastBoundary;
    private TimeSpan _offset;         // the first record's; a backfilled record's until one arrives
    private bool _offsetFromRecord;

    /// <summary>Counts <paramref name="lines"/>, read from <paramref name="source"/> (for rules scoped by source) when
    /// the clock was in <paramref name="clockSecond"/>.</summary>
    public void Count(ReadOnlySpan<ParsedLine> lines, long clockSecond, string? source = null)
    {
        long hitsBefore = _hits;
        foreach (ref readonly var line in lines)
        {
            switch (line.Kind)
            {
                case LineKind.Record:
                    OffsetFrom(line.Record);
                    _hits++;
                    (_traffic ??= IntervalTallies.Take()).Add(line.Record);
                    if (rules is not null) rules.Count(line.Record, source, _rules ??= rules.NewTally());
                    break;
                case LineKind.Hits:
                    // A run a parsing worker counted ahead: its hits count here, like as many records, and the lines
                    // it stands for (its interval's part of the chunk) in this second's report, all at once; and its
                    // counts for the rules that look at each record.
                    OffsetFrom(line.Record);
                    _hits += line.Hits;
                    if (line.Rules is { } ruleCounts) _rules = _rules is null ? ruleCounts : _rules.Add(ruleCounts);
                    if (line.Tally is { } tally)
                    {
                        (_tallies ??= new List<TrafficAccumulator>(1)).Add(tally);
                        _invalid += tally.Invalid;
                        _firstInvalidText ??= tally.FirstInvalidText;
                    }
                    break;
                default:
                    _invalid++;
                    _firstInvalidText ??= line.InvalidText ?? "";
                    (_traffic ??= IntervalTallies.Take()).AddInvalid();
                    break;
            }
        }
        if (!lines.IsEmpty) _contentSecond ??= clockSecond;
        if (countSources && source is not null && _hits > hitsBefore) (_sources ??= new SourceHits()).Add(source, _hits - hitsBefore);
    }

    /// <summary>Loads records read from before the run (<c>watch</c>'s backfill): for the alert window only, each in
    /// its own second (clamped to the clock's), so the first decisions average over the last W seconds as they were.
    /// Invalid lines are not counted: they were not read during the run.</summary>
    public void Backfill(ReadOnlySpan<ParsedLine> lines, long clockSecond)
    {
        foreach (ref readonly var line in lines)
        {
            if (!line.IsTimed) continue;
            if (!_offsetFromRecord) _offset = TimeSpan.FromMinutes(line.Record.OffsetMinutes);
            long second = Math.Min(line.Record.Second, clockSecond);
            (_backfilled ??= new List<SecondHits>()).Add(new SecondHits(second, line.Kind == LineKind.Hits ? line.Hits : 1));
        }
    }

    /// <summary>The boundary <paramref name="boundary"/> was reached: the second before it closes with what it read;
    /// null when that boundary was reached before (the clock may be told of one boundary for several reasons).</summary>
    public ClosedSecond? Close(long boundary)
    {
        if (boundary <= _lastBoundary) return null;
        _lastBoundary = boundary;
        return Take(boundary - 1, clocked: true);
    }

    /// <summary>End of input: the second the clock is in closes early, if anything was read in it; null otherwise.</summary>
    /// <remarks>Live modes: CONTRACT.md decides the last record's second at <c>last + 1</c>, which the wall clock may not
    /// have reached. With no boundary and no record at all, what was read has no second: it is counted
    /// (<see cref="ClosedSecond.Clocked"/> false), never decided.</remarks>
    public ClosedSecond? Flush()
    {
        if (_hits == 0 && _invalid == 0) return null;
        if (_lastBoundary is { } last) return Take(Math.Max(last, _contentSecond ?? last), clocked: true);
        return _hits > 0 ? Take(_contentSecond!.Value, clocked: true) : Take(0, clocked: false);
    }

    private ClosedSecond Take(long second, bool clocked)
    {
        var closed = _closed.Set(second, _hits, _invalid, _traffic, _tallies, _backfilled, _offset,
            _firstInvalidText, clocked, _rules, _sources);
        _hits = _invalid = 0;
        _rules = null;
        _sources = null;
        _traffic = null;
        _tallies = null;
        _backfilled = null;
        _firstInvalidText = null;
        _contentSecond = null;
        return closed;
    }

    private void OffsetFrom(in LogRecord record)
    {
        if (_offsetFromRecord) return;
        _offset = TimeSpan.FromMinutes(record.OffsetMinutes);
        _offsetFromRecord = true;
    }
}
