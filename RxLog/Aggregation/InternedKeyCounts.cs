using System.Numerics;
using System.Runtime.CompilerServices;
using RxLog.Parsing;

namespace RxLog.Aggregation;

/// <summary>Hits and bytes per key, for keys a parser interned, indexed by the key's entry in its
/// <see cref="InternTable"/>: a hit costs an array index, not a hash lookup. Held by a parsing worker for the part of
/// a report interval it is counting, then drained into that interval's <see cref="TrafficAccumulator"/>. Pure, no clock.</summary>
/// <remarks>An entry stands for one string until the table starts over and hands it to another value, so each entry
/// keeps its string and a different one arriving there is refused (<see cref="TryAdd"/>): the caller drains and
/// counts it again. Counts are per string instance, as a tally keyed by reference counts them.
/// Memory: an array of slots just past the highest entry seen (a power of two), kept for the next chunk: for the default
/// table of <see cref="InternTable.DefaultMaxEntries"/> entries at most 64 Ki slots of 24 bytes, 1.5 MiB per worker thread
/// and kind of key.</remarks>
internal sealed class InternedKeyCounts
{
    private Slot[] _slots = new Slot[256];   // by entry; one struct, so a hit touches one place, not three arrays
    private int[] _touched = new int[256];   // entries counted since the last drain, in the order first seen
    private int _touchedCount;

    /// <summary>Counts one hit of <paramref name="bytes"/> bytes for <paramref name="key"/>, interned at
    /// <paramref name="entry"/>; false, counting nothing, when that entry holds another string (drain, then retry).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAdd(int entry, string key, long bytes)
    {
        if (entry >= _slots.Length) Array.Resize(ref _slots, (int)BitOperations.RoundUpToPowerOf2((uint)entry + 1));
        ref Slot slot = ref _slots[entry];
        if (slot.Key is null)
        {
            slot.Key = key;
            if (_touchedCount == _touched.Length) Array.Resize(ref _touched, _touched.Length * 2);
            _touched[_touchedCount++] = entry;
        }
        else if (!ReferenceEquals(slot.Key, key))
        {
            return false;
        }

        slot.Hits++;
        slot.Bytes += bytes;
        return true;
    }

    /// <summary>Adds every key counted since the last drain, with its hits and bytes, to <paramref name="counter"/>
    /// (in the order the keys were first counted, as adding them hit by hit would have) and forgets them.</summary>
    public void DrainInto(TopCounter counter)
    {
        counter.EnsureRoomFor(_touchedCount);
        for (int i = 0; i < _touchedCount; i++)
        {
            ref Slot slot = ref _slots[_touched[i]];
            counter.Add(slot.Key!, slot.Bytes, slot.Hits);
            slot = default;
        }
        _touchedCount = 0;
    }

    /// <summary>Forgets everything counted since the last drain (a chunk that failed).</summary>
    public void Clear()
    {
        for (int i = 0; i < _touchedCount; i++) _slots[_touched[i]] = default;
        _touchedCount = 0;
    }

    private struct Slot
    {
        public string? Key;
        public long Hits;
        public long Bytes;
    }
}
