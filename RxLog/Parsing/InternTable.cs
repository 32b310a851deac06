using System.Runtime.CompilerServices;
using System.Numerics;
using System.Text;

namespace RxLog.Parsing;

/// <summary>Parsing stage: interns values taken from log lines (sections, clients) to strings, so a value seen before
/// costs a hash and a compare, no allocation.</summary>
/// <remarks>
/// An open-addressing (linear probing) table keyed by the raw UTF-8 bytes, so a hit never decodes. The hash is
/// <see cref="SeededHash"/>, randomly seeded per process, so a log crafted to collide cannot make lookups quadratic.
/// <para>Bounded: once <see cref="MaxEntries"/> distinct values, or values of <see cref="MaxHeldBytes"/> bytes in
/// all, are held, the table is cleared and starts over. A log with a million distinct first segments or clients
/// (BAD-INPUTS.md B20), or thousands of 60 KiB paths, then keeps memory flat instead of growing forever. Clearing loses nothing but sharing: a later lookup allocates a new string equal to the old one, and
/// downstream code compares sections by value, never by reference. A clear happens at most once per
/// <see cref="MaxEntries"/> new values (or <see cref="MaxHeldBytes"/> new bytes), so its cost is amortised to O(1) per miss.</para>
/// Not thread-safe, like the parser that owns it.
/// </remarks>
public sealed class InternTable
{
    /// <summary>Default cap on distinct values held; 5× the 10,000 that reports count exactly (CONTRACT.md).</summary>
    public const int DefaultMaxEntries = 50_000;

    /// <summary>Cap on the UTF-8 bytes of the values held (their strings take about twice as much again).</summary>
    public const int MaxHeldBytes = 4 * 1024 * 1024;

    private const int InitialSlots = 256;

    private readonly int _maxEntries;
    private int[] _slots;           // 0 = empty, else entry index + 1; length a power of two, at least 2× entries
    private int[] _hashes;
    private byte[][] _keys;
    private string[] _values;
    private long _heldBytes;
    private int _last = -1;                     // the entry the previous lookup returned
    private byte[] _scratch = new byte[64];    // key with the appended '/', for absolute URIs without a path

    /// <summary>Creates an empty table holding at most <paramref name="maxEntries"/> values before it starts over.</summary>
    public InternTable(int maxEntries = DefaultMaxEntries)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        _maxEntries = maxEntries;
        _slots = new int[InitialSlots];
        _hashes = new int[InitialSlots / 2];
        _keys = new byte[InitialSlots / 2][];
        _values = new string[InitialSlots / 2];
    }

    /// <summary>Most distinct values held before the table is cleared.</summary>
    public int MaxEntries => _maxEntries;

    /// <summary>Distinct values held now.</summary>
    public int Count { get; private set; }

    /// <summary>How many times the table was cleared because it was full.</summary>
    public long Clears { get; private set; }

    /// <summary>The string for <paramref name="value"/> (followed by <c>/</c> when <paramref name="appendSlash"/>),
    /// decoded as UTF-8 with invalid bytes replaced by U+FFFD; the same instance as last time when seen before.</summary>
    public string Intern(ReadOnlySpan<byte> value, bool appendSlash = false) => Intern(value, appendSlash, out _);

    /// <summary><see cref="Intern(ReadOnlySpan{byte}, bool)"/>, also giving the value's entry: a number below
    /// <see cref="MaxEntries"/>, the same for the same value until the table starts over (<see cref="Clears"/> changes),
    /// when entries are handed to new values.</summary>
    [MethodImpl(HotPath.FullyOptimized)]
    public string Intern(ReadOnlySpan<byte> value, bool appendSlash, out int entry)
    {
        if (appendSlash)
        {
            if (_scratch.Length <= value.Length)
            {
                _scratch = new byte[Math.Max(value.Length + 1, _scratch.Length * 2)];
            }

            value.CopyTo(_scratch);
            _scratch[value.Length] = (byte)'/';
            value = _scratch.AsSpan(0, value.Length + 1);
        }

        // Consecutive lines often repeat a value (one client loading a page's assets): check the last one first.
        if (_last >= 0 && value.SequenceEqual(_keys[_last]))
        {
            entry = _last;
            return _values[_last];
        }

        int hash = SeededHash.Of(value);
        int mask = _slots.Length - 1;
        int slot = hash & mask;
        while (true)
        {
            entry = _slots[slot] - 1;
            if (entry < 0)
            {
                break;
            }

            if (_hashes[entry] == hash && value.SequenceEqual(_keys[entry]))
            {
                _last = entry;
                return _values[entry];
            }

            slot = (slot + 1) & mask;
        }

        string added = Add(value, hash);
        entry = _last;
        return added;
    }

    private string Add(ReadOnlySpan<byte> value, int hash)
    {
        if (Count >= _maxEntries || _heldBytes + value.Length > MaxHeldBytes)
        {
            Clear();
        }
        else if (Count == _keys.Length)
        {
            Grow();
        }

        string text = Encoding.UTF8.GetString(value);
        _heldBytes += value.Length;
        int entry = Count++;
        _last = entry;
        _hashes[entry] = hash;
        _keys[entry] = value.ToArray();
        _values[entry] = text;
        Place(entry);
        return text;
    }

    private void Place(int entry)
    {
        int mask = _slots.Length - 1;
        int slot = _hashes[entry] & mask;
        while (_slots[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        _slots[slot] = entry + 1;
    }

    private void Grow()
    {
        int entries = Math.Min(_keys.Length * 2, _maxEntries);
        Array.Resize(ref _hashes, entries);
        Array.Resize(ref _keys, entries);
        Array.Resize(ref _values, entries);
        _slots = new int[BitOperations.RoundUpToPowerOf2((uint)entries * 2)];
        for (int i = 0; i < Count; i++)
        {
            Place(i);
        }
    }

    private void Clear()
    {
        // Keep the arrays (their size is bounded by the cap) but drop the keys and strings for the GC.
        Array.Clear(_slots);
        Array.Clear(_keys, 0, Count);
        Array.Clear(_values, 0, Count);
        Count = 0;
        _last = -1;
        _heldBytes = 0;
        Clears++;
    }
}
