using System.Text;

namespace RxLog.Generation;

/// <summary>Byte strings picked at random with integer weights (integers keep the draws platform-exact).</summary>
internal sealed class WeightedTable
{
    private readonly byte[][] _items;
    private readonly long[] _cumulative;

    public WeightedTable(IReadOnlyList<(string Item, long Weight)> entries)
    {
        _items = new byte[entries.Count][];
        _cumulative = new long[entries.Count];
        long total = 0;
        for (int i = 0; i < entries.Count; i++)
        {
            _items[i] = Encoding.UTF8.GetBytes(entries[i].Item);
            total += entries[i].Weight;
            _cumulative[i] = total;
        }
        MaxLength = _items.Max(b => b.Length);
    }

    /// <summary>Weights 1/1, 1/2, 1/3, … by rank (Zipf with exponent 1), scaled to integers.</summary>
    public static WeightedTable Zipf(IReadOnlyList<string> byRank) =>
        new([.. byRank.Select((item, i) => (item, 1_000_000L / (i + 1)))]);

    public int Count => _items.Length;

    public int MaxLength { get; }

    public byte[] this[int index] => _items[index];

    /// <summary>An index drawn with probability proportional to its weight.</summary>
    public int PickIndex(ref Xoshiro256 rng)
    {
        long r = (long)rng.Below((ulong)_cumulative[^1]);
        int i = Array.BinarySearch(_cumulative, r);
        // BinarySearch finds r itself (the bucket ends at r, so the next one holds it) or its complement.
        return i >= 0 ? i + 1 : ~i;
    }

    public byte[] Pick(ref Xoshiro256 rng) => _items[PickIndex(ref rng)];
}
