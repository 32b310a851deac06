using RxLog.Parsing;

namespace RxLog.Aggregation;

/// <summary>One second's counts for the rules that look at each record: per slot, the matching hits and (for a
/// latency rule) their response times. Pure, no clock.</summary>
public sealed class RuleTally
{
    internal RuleTally(int slots, bool[] timed)
    {
        Hits = new long[slots];
        Times = new ResponseTimeHistogram?[slots];
        for (int i = 0; i < slots; i++)
            if (timed[i]) Times[i] = new ResponseTimeHistogram();
    }

    /// <summary>Matching hits, per slot.</summary>
    public long[] Hits { get; }

    /// <summary>Response times of the matching hits that carried one, per slot; null for slots that do not keep them.</summary>
    public ResponseTimeHistogram?[] Times { get; }

    /// <summary>Adds <paramref name="other"/>'s counts (a parsing worker's run of the same second); returns this.</summary>
    public RuleTally Add(RuleTally other)
    {
        for (int i = 0; i < Hits.Length; i++)
        {
            Hits[i] += other.Hits[i];
            if (other.Times[i] is { } times) Times[i]!.Merge(times);
        }
        return this;
    }
}

/// <summary>The scopes of every rule that must look at each record, in slots: one pass over a record counts it for all
/// of them (CONTRACT.md "Rules": a scope chooses which hits a rule counts, never the time). One per counting thread.</summary>
public sealed class RuleScopes
{
    private readonly RuleScopeMatcher?[] _matchers;   // null: every hit (an unscoped latency rule)
    private readonly bool[] _timed;

    /// <param name="slots">Each slot's scope, and whether it keeps response times.</param>
    public RuleScopes(IReadOnlyList<(RuleScope Scope, bool Timed)> slots)
    {
        _matchers = slots.Select(s => s.Scope.IsAll ? null : s.Scope.Compile()).ToArray();
        _timed = slots.Select(s => s.Timed).ToArray();
    }

    public int Slots => _matchers.Length;

    public RuleTally NewTally() => new(_matchers.Length, _timed);

    /// <summary>Counts <paramref name="record"/> in every slot whose scope it matches.</summary>
    public void Count(in LogRecord record, RuleTally tally)
    {
        for (int i = 0; i < _matchers.Length; i++)
        {
            if (_matchers[i] is { } matcher && !matcher.Matches(record)) continue;
            tally.Hits[i]++;
            if (record.HasDuration) tally.Times[i]?.Add(record.DurationMicros);
        }
    }
}
