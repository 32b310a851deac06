namespace RxLog.Aggregation;

/// <summary>Hits and bytes per key (section, client) over one report interval, exact up to a cap of distinct keys,
/// then bounded. Pure, no clock.</summary>
/// <remarks>Exact while at most <see cref="ExactCap"/> distinct keys arrive (CONTRACT.md). The first new key past
/// it hands the exact counts to a <see cref="SpaceSavingSummary"/> of that many counters and the interval becomes
/// <see cref="Approximate"/>: each listed hit count then overestimates by at most N / <see cref="ExactCap"/>
/// (N = the interval's hits counted here), every key with more hits than that is listed, heavy hitters that appear
/// late included, and a key's bytes are those of the hits seen while it held a counter (a lower bound).
/// Memory: at most <see cref="ExactCap"/> keys whatever the log holds.</remarks>
internal sealed class TopCounter
{
    /// <summary>CONTRACT.md: top sections and clients are exact while an interval holds at most this many.</summary>
    public const int ExactCap = 10_000;

    private readonly int _cap;
    private readonly TallyTable _exact;
    private SpaceSavingSummary? _summary; // made at the first overflow, reused by later intervals

    /// <param name="exactCap">Distinct keys counted exactly before Space-Saving takes over; a partial interval
    /// counted by a parsing worker passes <see cref="int.MaxValue"/> (its chunk bounds it), so that only the
    /// interval it is merged into ever approximates.</param>
    /// <param name="keysByReference">See <see cref="TallyTable"/>.</param>
    public TopCounter(int exactCap = ExactCap, bool keysByReference = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(exactCap, 1);
        _cap = exactCap;
        _exact = new TallyTable(exactCap, keysByReference);
    }

    public bool Approximate { get; private set; }

    /// <summary>Distinct keys counted (tracked, once approximate).</summary>
    public int Count => Approximate ? _summary!.Count : _exact.Count;

    /// <summary>Counts <paramref name="hits"/> hits of <paramref name="bytes"/> bytes in all for <paramref name="key"/>.</summary>
    public void Add(string key, long bytes, long hits = 1)
    {
        if (Approximate)
        {
            _summary!.Add(key, bytes, hits);
            return;
        }

        if (_exact.TryAdd(key, bytes, hits)) return;

        // The exact table is full and a new key arrived: hand the exact counts to Space-Saving (error 0), count on.
        BecomeApproximate();
        _summary!.Add(key, bytes, hits);
    }

    /// <summary>Makes room for <paramref name="keys"/> more keys at once (see <see cref="TallyTable.EnsureRoom"/>); an upper
    /// bound, since some of them may be held already.</summary>
    public void EnsureRoomFor(int keys)
    {
        if (!Approximate) _exact.EnsureRoom(_exact.Count + keys);
    }

    /// <summary>Adds every key of <paramref name="other"/> with its hits and bytes, each key's hits as one weighted add
    /// (exact while under the cap, weighted Space-Saving past it); approximate counts stay approximate.</summary>
    public void Merge(TopCounter other)
    {
        if (other.Approximate)
        {
            if (!Approximate) BecomeApproximate();
            foreach (var (key, hits, bytes) in other._summary!.Entries()) _summary!.Add(key, bytes, hits);
            return;
        }

        for (int i = 0; i < other._exact.Count; i++)
        {
            var (key, hits, bytes) = other._exact.At(i);
            Add(key, bytes, hits);
        }
    }

    private void BecomeApproximate()
    {
        _summary ??= new SpaceSavingSummary(Math.Min(_cap, ExactCap));
        _summary.Load(_exact.Entries());
        _exact.Clear();
        Approximate = true;
    }

    /// <summary>The <paramref name="top"/> keys with most hits: hits descending, then key in ordinal order.</summary>
    public KeyCount[] Top(int top)
    {
        if (Approximate) return _summary!.Top(top);
        if (_exact.Count == 0 || top <= 0) return [];
        var best = new TopKeys(Math.Min(top, _exact.Count));
        for (int i = 0; i < _exact.Count; i++) best.Offer(_exact.At(i));
        return best.ToArray();
    }

    /// <summary>Forgets everything, back in exact mode; keeps the dictionary's capacity and the counters.</summary>
    public void Reset()
    {
        _exact.Clear();
        _summary?.Clear();
        Approximate = false;
    }
}
