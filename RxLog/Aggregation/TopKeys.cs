namespace RxLog.Aggregation;

/// <summary>The report order of keys (CONTRACT.md): hits descending, then ordinal by key.</summary>
internal static class KeyOrder
{
    public static int Compare(in KeyCount a, in KeyCount b) =>
        a.Hits != b.Hits ? b.Hits.CompareTo(a.Hits) : string.CompareOrdinal(a.Key, b.Key);
}

/// <summary>The first <c>top</c> keys in report order among those offered, kept sorted as they come: a report lists
/// 5–10 of thousands of keys, and most are turned away by one comparison with the last kept, instead of sorting all.</summary>
internal struct TopKeys
{
    private readonly KeyCount[] _kept;
    private int _count;

    public TopKeys(int top) => _kept = new KeyCount[Math.Max(0, top)];

    public void Offer(in KeyCount key)
    {
        if (_kept.Length == 0 || (_count == _kept.Length && KeyOrder.Compare(key, _kept[_count - 1]) >= 0)) return;
        int i = _count < _kept.Length ? _count++ : _count - 1;
        while (i > 0 && KeyOrder.Compare(key, _kept[i - 1]) < 0)
        {
            _kept[i] = _kept[i - 1];
            i--;
        }

        _kept[i] = key;
    }

    public readonly KeyCount[] ToArray() => _kept.AsSpan(0, _count).ToArray();
}
