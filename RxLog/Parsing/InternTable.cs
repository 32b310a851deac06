using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace RxLog.Parsing;

/// <summary>Parsing stage: interns values taken from log lines (sections, clients) to strings, so a value seen before
/// costs a hash and a compare, no allocation.</summary>
/// <remarks>
/// An open-addressing (linear probing) table keyed by the raw UTF-8 bytes, so a hit never decodes. The hash is
/// <see cref="SeededHash"/>'s mixing (over the key's two words up to 16 bytes, over all of it past that), randomly
/// seeded per process, so a log crafted to collide cannot make lookups quadratic.
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
    private Entry[] _entries;
    private long _heldBytes;
    private int _last = -1;                     // the entry the previous lookup returned
    private byte[] _scratch = new byte[64];    // key with the appended '/', for absolute URIs without a path

    // A value's key: up to 16 bytes held in two words with its length (so a lookup compares it without a call or a
    // second object), a longer one also as bytes. Sections and client addresses almost always fit.
    private struct Entry
    {
        public ulong Head;      // bytes 0–7 (zero-padded below 8)
        public ulong Tail;      // the last 8 bytes (0 below 8): with Head and Length, all of a key of up to 16
        public int Length;
        public int Hash;
        public string Value;
        public byte[]? LongKey;
    }

    private const int InlineKeyBytes = 16;

    /// <summary>Creates an empty table holding at most <paramref name="maxEntries"/> values before it starts over.</summary>
    public InternTable(int maxEntries = DefaultMaxEntries)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        _maxEntries = maxEntries;
        _slots = new int[InitialSlots];
        _entries = new Entry[InitialSlots / 2];
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

        KeyWords(value, out ulong head, out ulong tail);
        var entries = _entries;
        // Consecutive lines often repeat a value (one client loading a page's assets): check the last one first.
        int last = _last;
        if ((uint)last < (uint)entries.Length && Matches(ref entries[last], value, head, tail))
        {
            entry = last;
            return entries[last].Value;
        }

        int hash = value.Length <= InlineKeyBytes ? SeededHash.OfWords(head, tail, value.Length) : SeededHash.Of(value);
        var slots = _slots;
        int mask = slots.Length - 1;
        int slot = hash & mask;
        int found;
        while ((found = slots[slot] - 1) >= 0)
        {
            ref Entry candidate = ref entries[found];
            if (candidate.Hash == hash && Matches(ref candidate, value, head, tail))
            {
                _last = entry = found;
                return candidate.Value;
            }

            slot = (slot + 1) & mask;
        }

        string added = Add(value, hash, head, tail);
        entry = _last;
        return added;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Matches(ref Entry entry, ReadOnlySpan<byte> value, ulong head, ulong tail) =>
        entry.Length == value.Length && entry.Head == head && entry.Tail == tail
        && (value.Length <= InlineKeyBytes || value.SequenceEqual(entry.LongKey));

    // The key as two little-endian words, its first and last 8 bytes (below 8, all its bytes, zero-padded, and 0), read
    // without a byte loop by overlapping reads within the value, never past it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void KeyWords(ReadOnlySpan<byte> value, out ulong head, out ulong tail)
    {
        ref byte start = ref MemoryMarshal.GetReference(value);
        int length = value.Length;
        if (length >= 8)
        {
            head = Unsafe.ReadUnaligned<ulong>(ref start);
            tail = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, length - 8));
        }
        else if (length >= 4)
        {
            head = Unsafe.ReadUnaligned<uint>(ref start)
                | ((ulong)Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, length - 4)) << ((length - 4) * 8));
            tail = 0;
        }
        else
        {
            head = length == 0
                ? 0
                : start | ((ulong)Unsafe.Add(ref start, length / 2) << (length / 2 * 8))
                    | ((ulong)Unsafe.Add(ref start, length - 1) << ((length - 1) * 8));
            tail = 0;
        }
    }

    private string Add(ReadOnlySpan<byte> value, int hash, ulong head, ulong tail)
    {
        if (Count >= _maxEntries || _heldBytes + value.Length > MaxHeldBytes)
        {
            Clear();
        }
        else if (Count == _entries.Length)
        {
            Grow();
        }

        string text = Encoding.UTF8.GetString(value);
        _heldBytes += value.Length;
        int entry = Count++;
        _last = entry;
        _entries[entry] = new Entry
        {
            Head = head, Tail = tail, Length = value.Length, Hash = hash, Value = text,
            LongKey = value.Length > InlineKeyBytes ? value.ToArray() : null,
        };
        Place(entry);
        return text;
    }

    private void Place(int entry)
    {
        int mask = _slots.Length - 1;
        int slot = _entries[entry].Hash & mask;
        while (_slots[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        _slots[slot] = entry + 1;
    }

    private void Grow()
    {
        int entries = Math.Min(_entries.Length * 2, _maxEntries);
        Array.Resize(ref _entries, entries);
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
        Array.Clear(_entries, 0, Count);
        Count = 0;
        _last = -1;
        _heldBytes = 0;
        Clears++;
    }
}
