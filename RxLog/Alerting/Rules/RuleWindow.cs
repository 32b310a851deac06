using RxLog.Aggregation;

namespace RxLog.Alerting.Rules;

/// <summary>One rule's window <c>[b − W, b)</c>, slid from closed second to closed second: matching hits, all hits and
/// (latency) the matching hits' response times, as the seconds that held any. Pure, no clock.</summary>
/// <remarks>Sparse like <see cref="HitRateWindow"/>: a second with nothing for the rule costs nothing, and a gap of any
/// length is one step. A latency window holds one histogram per second that had timed matching hits (at most W),
/// and their sum: bounded whatever the traffic, never the hits themselves.</remarks>
public sealed class RuleWindow
{
    private readonly AlertRule _rule;
    private readonly int _slot;                            // the rule's slot in a second's RuleTally; -1: every hit
    private readonly Queue<Entry> _seconds = new();        // ascending seconds that held something for the rule
    private readonly ResponseTimeHistogram? _times;

    private readonly record struct Entry(long Second, long Matching, long All, ResponseTimeHistogram? Times);

    /// <param name="slot">Where the rule's counts are in each second's <see cref="RuleTally"/>; -1 when it counts every hit.</param>
    public RuleWindow(AlertRule rule, int slot)
    {
        _rule = rule;
        _slot = slot;
        if (rule.Kind == RuleKind.Latency) _times = new ResponseTimeHistogram();
    }

    /// <summary>Matching hits in the window.</summary>
    public long Matching { get; private set; }

    /// <summary>All hits in the window (ratio rules; 0 for the others).</summary>
    public long All { get; private set; }

    /// <summary>Response times of the matching hits in the window (latency rules; null for the others).</summary>
    public ResponseTimeHistogram? Times => _times;

    /// <summary>The first second that held a hit (any hit): silence is decided from <c>first + W</c> on.</summary>
    public long? First { get; private set; }

    /// <summary>The newest second that held a matching hit.</summary>
    public long? LastMatch { get; private set; }

    /// <summary>The boundary at which the oldest second held leaves (<c>s + 1 + W</c>); null when none is held.</summary>
    public long? NextLeave => _seconds.TryPeek(out var oldest) ? oldest.Second + 1 + _rule.WindowSeconds : null;

    /// <summary>Slides the window to <paramref name="closed"/>'s boundary: older seconds leave, the closed one enters.</summary>
    public RuleWindow Slide(ClosedSecond closed)
    {
        long oldest = closed.Boundary - _rule.WindowSeconds;
        while (_seconds.TryPeek(out var first) && first.Second < oldest)
        {
            _seconds.Dequeue();
            Matching -= first.Matching;
            All -= first.All;
            if (first.Times is not null) _times!.Subtract(first.Times);
        }

        long matching = _slot < 0 ? closed.Hits : closed.Rules?.Hits[_slot] ?? 0;
        if (closed.Hits > 0) First ??= closed.Second;
        if (matching > 0) LastMatch = closed.Second;
        switch (_rule.Kind)
        {
            case RuleKind.Rate when matching > 0:
                Enter(new Entry(closed.Second, matching, 0, null));
                break;
            case RuleKind.Ratio when closed.Hits > 0:
                Enter(new Entry(closed.Second, matching, closed.Hits, null));
                break;
            case RuleKind.Latency when closed.Rules?.Times[_slot] is { Count: > 0 } times:
                _times!.Merge(times);
                Enter(new Entry(closed.Second, times.Count, 0, times));
                break;
        }
        return this;
    }

    private void Enter(Entry entry)
    {
        _seconds.Enqueue(entry);
        Matching += entry.Matching;
        All += entry.All;
    }
}
