using System.Numerics;
using System.Runtime.CompilerServices;
using RxLog.Parsing;

namespace RxLog.Aggregation;

/// <summary>Hits and bytes per string key, for one report interval: an open-addressing table tuned for the keys
/// parsers hand on, which are interned (equal keys are usually the same instance). Pure, no clock.</summary>
/// <remarks>Compared with <c>Dictionary&lt;string, Tally&gt;</c> it hashes with <see cref="SeededHash"/>, checks the
/// reference before the characters, and clears in time proportional to the keys held, not to the capacity: the
/// exact half of a report's top sections and clients costs about half as much per hit. Grows by doubling up to the
/// capacity given, and keeps its arrays across <see cref="Clear"/>.</remarks>
internal sealed class TallyTable
{
    private readonly int _capacity;
    // Small to start: an interval of a quiet log holds a key or two, and a replay of one makes a table per interval
    // (1.2 KB each at 32 entries made page faults and zeroing the biggest cost of a two-year sparse log); a busy
    // interval doubles its way up in a few steps.
    private int[] _slots = new int[8];       // 0 = empty, else entry + 1; a power of two, at least twice the entries
    private string[] _keys = new string[4];
    private int[] _hashes = new int[4];
    private Tally[] _tallies = new Tally[4];

    // A key's running hits and bytes, updated in place.
    private struct Tally
    {
        public long Hits;
        public long Bytes;
    }

    private readonly bool _byReference;

    /// <param name="capacity">Most keys held.</param>
    /// <param name="byReference">Tell keys apart by instance (identity hash, reference compare): for keys a parser
    /// interned, where it saves hashing every key's characters. Equal strings that are different instances (a parser's
    /// table started over) are then two keys, which whoever merges the counts by value adds up again.</param>
    public TallyTable(int capacity, bool byReference = false)
    {
        _capacity = capacity;
        _byReference = byReference;
    }

    /// <summary>Keys held.</summary>
    public int Count { get; private set; }

    /// <summary>Counts <paramref name="hits"/> hits of <paramref name="bytes"/> bytes in all for <paramref name="key"/>;
    /// false, counting nothing, when the key is new and the table already holds its capacity.</summary>
    [MethodImpl(HotPath.FullyOptimized)]
    public bool TryAdd(string key, long bytes, long hits = 1)
    {
        int hash = _byReference ? RuntimeHelpers.GetHashCode(key) : SeededHash.Of(key);
        int mask = _slots.Length - 1;
        int slot = hash & mask;
        while (true)
        {
            int entry = _slots[slot] - 1;
            if (entry < 0) break;
            if (_hashes[entry] == hash && (ReferenceEquals(_keys[entry], key) || (!_byReference && string.Equals(_keys[entry], key))))
            {
                ref Tally tally = ref _tallies[entry];
                tally.Hits += hits;
                tally.Bytes += bytes;
                return true;
            }

            slot = (slot + 1) & mask;
        }

        if (Count >= _capacity) return false;
        if (Count == _keys.Length)
        {
            Grow();
            return TryAdd(key, bytes, hits);
        }

        int fresh = Count++;
        _keys[fresh] = key;
        _hashes[fresh] = hash;
        _tallies[fresh] = new Tally { Hits = hits, Bytes = bytes };
        _slots[slot] = fresh + 1;
        return true;
    }

    /// <summary>The <paramref name="entry"/>-th key held (0 ≤ entry &lt; <see cref="Count"/>), in no particular order.</summary>
    public KeyCount At(int entry) => new(_keys[entry], _tallies[entry].Hits, _tallies[entry].Bytes);

    /// <summary>Every key with its tally, in no particular order.</summary>
    public IEnumerable<KeyCount> Entries()
    {
        for (int i = 0; i < Count; i++) yield return At(i);
    }

    public void Clear()
    {
        if (Count == 0) return;
        for (int i = 0; i < Count; i++) _slots[SlotOf(i)] = 0;
        Array.Clear(_keys, 0, Count);   // let the interval's strings go
        Count = 0;
    }

    // Where entry i sits: the slot holding i + 1 on its probe path.
    private int SlotOf(int entry)
    {
        int mask = _slots.Length - 1;
        int slot = _hashes[entry] & mask;
        while (_slots[slot] != entry + 1) slot = (slot + 1) & mask;
        return slot;
    }

    /// <summary>Makes room for <paramref name="keys"/> keys in all (no more than the capacity asks, rounded up to a power of
    /// two as growing would) at once, rather than by doubling as they arrive: for a worker draining an interval's keys in.</summary>
    public void EnsureRoom(int keys)
    {
        keys = Math.Min(keys, _capacity);
        if (keys > _keys.Length) Grow((int)BitOperations.RoundUpToPowerOf2((uint)keys));
    }

    private void Grow() => Grow(_keys.Length * 2);

    private void Grow(int entries)
    {
        Array.Resize(ref _keys, entries);
        Array.Resize(ref _hashes, entries);
        Array.Resize(ref _tallies, entries);
        _slots = new int[entries * 2];
        int mask = _slots.Length - 1;
        for (int i = 0; i < Count; i++)
        {
            int slot = _hashes[i] & mask;
            while (_slots[slot] != 0) slot = (slot + 1) & mask;
            _slots[slot] = i + 1;
        }
    }
}
