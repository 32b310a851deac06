using System.Runtime.CompilerServices;
using RxLog.Parsing;

namespace RxLog.Aggregation;

/// <summary>Hits and bytes per key, for keys a parser interned, indexed by the key's entry in its
/// <see cref="InternTable"/>: a hit costs an array index, not a hash lookup. Held by a parsing worker for the part of
/// a report interval it is counting, then drained into that interval's <see cref="TrafficAccumulator"/>. Pure, no clock.</summary>
/// <remarks>An entry stands for one string until the table starts over and hands it to another value, so each entry
/// keeps its string and a different one arriving there is refused (<see cref="TryAdd"/>): the caller drains and
/// counts it again. Counts are per string instance, as a tally keyed by reference counts them.
/// Memory: arrays as long as the highest entry seen, at most the table's <see cref="InternTable.MaxEntries"/>.</remarks>
internal sealed class InternedKeyCounts
{
    private string?[] _keys = new string?[256];
    private long[] _hits = new long[256];
    private long[] _bytes = new long[256];
    private int[] _touched = new int[256];   // entries counted since the last drain, in the order first seen
    private int _touchedCount;

    /// <summary>Counts one hit of <paramref name="bytes"/> bytes for <paramref name="key"/>, interned at
    /// <paramref name="entry"/>; false, counting nothing, when that entry holds another string (drain, then retry).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAdd(int entry, string key, long bytes)
    {
        if (entry >= _keys.Length) Grow(entry);
        string? held = _keys[entry];
        if (held is null)
        {
            _keys[entry] = key;
            if (_touchedCount == _touched.Length) Array.Resize(ref _touched, _touched.Length * 2);
            _touched[_touchedCount++] = entry;
        }
        else if (!ReferenceEquals(held, key))
        {
            return false;
        }

        _hits[entry]++;
        _bytes[entry] += bytes;
        return true;
    }

    /// <summary>Adds every key counted since the last drain, with its hits and bytes, to <paramref name="counter"/>
    /// (in the order the keys were first counted, as adding them hit by hit would have) and forgets them.</summary>
    public void DrainInto(TopCounter counter)
    {
        counter.EnsureRoomFor(_touchedCount);
        for (int i = 0; i < _touchedCount; i++)
        {
            int entry = _touched[i];
            counter.Add(_keys[entry]!, _bytes[entry], _hits[entry]);
            Forget(entry);
        }
        _touchedCount = 0;
    }

    /// <summary>Forgets everything counted since the last drain (a chunk that failed).</summary>
    public void Clear()
    {
        for (int i = 0; i < _touchedCount; i++) Forget(_touched[i]);
        _touchedCount = 0;
    }

    private void Forget(int entry)
    {
        _keys[entry] = null;
        _hits[entry] = 0;
        _bytes[entry] = 0;
    }

    private void Grow(int entry)
    {
        int length = Math.Max(_keys.Length * 2, entry + 1);
        Array.Resize(ref _keys, length);
        Array.Resize(ref _hits, length);
        Array.Resize(ref _bytes, length);
    }
}
