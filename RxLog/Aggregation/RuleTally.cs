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
