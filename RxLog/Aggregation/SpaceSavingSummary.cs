using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RxLog.Aggregation;

/// <summary>Space-Saving heavy-hitter summary (Metwally, Agrawal, El Abbadi 2005) over a fixed number of counters:
/// the approximate half of a report's top sections and clients. Pure, no clock.</summary>
/// <remarks>
/// Each counter keeps a count and the error it was born with. A tracked section counts +1; an untracked one takes
/// over the counter with the smallest count <c>m</c> and starts at <c>m + 1</c> with error <c>m</c>. The counters
/// always sum to the hits added, so <c>m ≤ N / capacity</c> and, for every tracked section,
/// <c>count ≥ true ≥ count − error</c>, <c>error ≤ N / capacity</c>; every key with more than
/// <c>N / capacity</c> hits is tracked. Bytes are summed only while a key holds a counter (a newcomer does not
/// inherit the bytes of the key it evicts), so a tracked key's bytes are a lower bound of its true bytes.
/// The minimum is found with a binary min-heap of counter slots (with a slot → heap position map), so a hit costs
/// one dictionary lookup and O(log capacity) sift steps, and allocates nothing: the arrays and the dictionary are
/// sized once and reused after <see cref="Clear"/>.
/// </remarks>
internal sealed class SpaceSavingSummary
{
    private readonly Dictionary<string, int> _slots; // section → counter slot
    private readonly string[] _names;
    private readonly long[] _counts;
    private readonly long[] _errors;
    private readonly long[] _bytes;
    private readonly int[] _heap; // heap position → slot, min count at the root
    private readonly int[] _position; // slot → heap position
    private int _used;

    public SpaceSavingSummary(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _slots = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
        _names = new string[capacity];
        _counts = new long[capacity];
        _errors = new long[capacity];
        _bytes = new long[capacity];
        _heap = new int[capacity];
        _position = new int[capacity];
    }

    public int Capacity { get; }

    /// <summary>Sections tracked now (at most <see cref="Capacity"/>).</summary>
    public int Count => _used;

    /// <summary>Starts from exact counts (error 0), as when the exact table overflows.</summary>
    public void Load(IEnumerable<KeyCount> exact)
    {
        Clear();
        foreach (var (section, hits, bytes) in exact)
        {
            if (_used == Capacity) throw new ArgumentException("more keys than counters", nameof(exact));
            _names[_used] = section;
            _counts[_used] = hits;
            _bytes[_used] = bytes;
            _errors[_used] = 0;
            _heap[_used] = _used;
            _position[_used] = _used;
            _slots.Add(section, _used);
            _used++;
        }

        for (int i = _used / 2 - 1; i >= 0; i--) SiftDown(i);
    }

    /// <summary>Counts <paramref name="hits"/> hits (of <paramref name="bytes"/> bytes in all) of <paramref name="section"/>:
    /// the weighted form of Space-Saving, whose bounds hold with N the sum of the weights.</summary>
    public void Add(string section, long bytes = 0, long hits = 1)
    {
        ref int slot = ref CollectionsMarshal.GetValueRefOrNullRef(_slots, section);
        if (!Unsafe.IsNullRef(ref slot))
        {
            _counts[slot] += hits;
            _bytes[slot] += bytes;
            SiftDown(_position[slot]);
            return;
        }

        if (_used < Capacity)
        {
            int fresh = _used++;
            _names[fresh] = section;
            _counts[fresh] = hits;
            _bytes[fresh] = bytes;
            _errors[fresh] = 0;
            _heap[fresh] = fresh;
            _position[fresh] = fresh;
            _slots.Add(section, fresh);
            SiftUp(fresh);
            return;
        }

        // Take over the smallest counter: the newcomer may have had up to m hits while untracked.
        int min = _heap[0];
        long m = _counts[min];
        _slots.Remove(_names[min]);
        _slots.Add(section, min);
        _names[min] = section;
        _counts[min] = m + hits;
        _bytes[min] = bytes;
        _errors[min] = m;
        SiftDown(0);
    }

    /// <summary>The tracked count (an upper bound) and its error, or false when <paramref name="section"/> is not
    /// tracked (then its true count is at most the smallest tracked count).</summary>
    public bool TryGet(string section, out long count, out long error)
    {
        if (_slots.TryGetValue(section, out int slot))
        {
            count = _counts[slot];
            error = _errors[slot];
            return true;
        }

        count = error = 0;
        return false;
    }

    /// <summary>The smallest tracked count: an untracked section had at most this many hits.</summary>
    public long MinCount => _used == 0 ? 0 : _counts[_heap[0]];

    /// <summary>The <paramref name="top"/> largest counters: count descending, then name in ordinal order.</summary>
    public KeyCount[] Top(int top)
    {
        if (_used == 0 || top <= 0) return [];
        var best = new TopKeys(Math.Min(top, _used));
        for (int i = 0; i < _used; i++) best.Offer(new KeyCount(_names[i], _counts[i], _bytes[i]));
        return best.ToArray();
    }

    /// <summary>Every tracked key with its count (an upper bound) and bytes, in no particular order.</summary>
    public IEnumerable<KeyCount> Entries()
    {
        for (int i = 0; i < _used; i++) yield return new KeyCount(_names[i], _counts[i], _bytes[i]);
    }

    /// <summary>Forgets every counter; keeps the arrays and the dictionary's capacity.</summary>
    public void Clear()
    {
        _slots.Clear();
        Array.Clear(_names, 0, _used); // let the interval's strings go
        _used = 0;
    }

    private void SiftDown(int i)
    {
        int slot = _heap[i];
        long count = _counts[slot];
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= _used) break;
            if (child + 1 < _used && _counts[_heap[child + 1]] < _counts[_heap[child]]) child++;
            if (_counts[_heap[child]] >= count) break;
            _heap[i] = _heap[child];
            _position[_heap[i]] = i;
            i = child;
        }

        _heap[i] = slot;
        _position[slot] = i;
    }

    private void SiftUp(int i)
    {
        int slot = _heap[i];
        long count = _counts[slot];
        while (i > 0)
        {
            int parent = (i - 1) / 2;
            if (_counts[_heap[parent]] <= count) break;
            _heap[i] = _heap[parent];
            _position[_heap[i]] = i;
            i = parent;
        }

        _heap[i] = slot;
        _position[slot] = i;
    }
}
