namespace RxLog.Aggregation;

/// <summary>Counts by name for metric labels, bounded: the first <see cref="Labels"/> names get a count of their own,
/// every later one counts under <see cref="Other"/>, so a log of a million URLs or files cannot blow up Prometheus.
/// Nothing counted is lost: a name past the bound adds to <see cref="Other"/>. Thread-safe.</summary>
public class BoundedCounts
{
    private readonly object _gate = new();
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly List<string> _order = new();
    private long _other;
    private bool _overflowed;

    /// <param name="labels">How many names get a count of their own.</param>
    /// <param name="other">The name every one past the bound counts as.</param>
    public BoundedCounts(int labels, string other)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(labels);
        Labels = labels;
        Other = other;
    }

    public int Labels { get; }

    public string Other { get; }

    /// <summary><paramref name="count"/> more for <paramref name="name"/> (0 lists it, when there is room).</summary>
    public void Add(string name, long count)
    {
        lock (_gate)
        {
            if (_counts.TryGetValue(name, out long known)) _counts[name] = known + count;
            else if (_counts.Count < Labels && name != Other)   // a file named "other" shares its label: never twice
            {
                _counts.Add(name, count);
                _order.Add(name);
            }
            else
            {
                _other += count;
                _overflowed = true;
            }
        }
    }

    /// <summary>Every name in the order first seen, then <see cref="Other"/> once the bound was passed.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Snapshot()
    {
        lock (_gate)
        {
            var counts = new List<KeyValuePair<string, long>>(_order.Count + 1);
            foreach (string name in _order) counts.Add(new(name, _counts[name]));
            if (_overflowed) counts.Add(new(Other, _other));
            return counts;
        }
    }
}
