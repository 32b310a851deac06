namespace RxLog.Aggregation;

/// <summary>Hits of one source within a report: a receiving host (<c>rxlog receive</c>).</summary>
public readonly record struct SourceCount(string Source, long Hits);

/// <summary>Hits per source over a second or a report interval, for the report's <c>hosts</c> line. The sources are
/// few and bounded by what reads them (a receiver keeps at most <c>HostNames.MaxHosts</c>).</summary>
public sealed class SourceHits
{
    private readonly Dictionary<string, long> _hits = new(StringComparer.Ordinal);

    public void Add(string source, long hits)
    {
        if (hits == 0) return;
        _hits[source] = _hits.GetValueOrDefault(source) + hits;
    }

    public void Merge(SourceHits other)
    {
        foreach (var (source, hits) in other._hits) Add(source, hits);
    }

    /// <summary>The <paramref name="top"/> busiest, hits descending then ordinal by name (as sections).</summary>
    public IReadOnlyList<SourceCount> Top(int top) =>
        _hits.OrderByDescending(static h => h.Value).ThenBy(static h => h.Key, StringComparer.Ordinal)
            .Take(top).Select(static h => new SourceCount(h.Key, h.Value)).ToList();
}
