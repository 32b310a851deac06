using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RxLog.Parsing;

namespace RxLog.Aggregation;

/// <summary>Everything one report interval counts: hits, sections, status classes, bytes, invalid lines, response
/// times. Pure, no clock.</summary>
/// <remarks>Sections are counted exactly up to <see cref="ExactSectionCap"/> distinct names per interval (CONTRACT.md).
/// The first new section past it switches the interval to a <see cref="SpaceSavingSummary"/> of that many counters,
/// seeded with the exact counts, and the report says <c>Approximate</c>: each listed count then overestimates by at
/// most N / <see cref="ExactSectionCap"/> (N = the interval's hits with a section), and every section with more than
/// that many hits is listed, heavy hitters that appear late included.</remarks>
public sealed class TrafficAccumulator
{
    /// <summary>CONTRACT.md: top sections are exact while an interval holds at most this many distinct sections.</summary>
    public const int ExactSectionCap = 10_000;

    private readonly Dictionary<string, long> _sections = new(StringComparer.Ordinal);
    private SpaceSavingSummary? _summary; // made at the first overflow, reused by later intervals
    private long _s2xx, _s3xx, _s4xx, _s5xx, _other;

    /// <summary>Response times of this interval's hits that carried one.</summary>
    public ResponseTimeHistogram ResponseTimes { get; } = new();

    public long Hits { get; private set; }
    public long Bytes { get; private set; }
    public long Invalid { get; private set; }
    public bool Approximate { get; private set; }

    /// <summary>True when nothing at all was counted (no hit, no invalid line).</summary>
    public bool IsEmpty => Hits == 0 && Invalid == 0;

    public void Add(in LogRecord record)
    {
        Hits++;
        Bytes += record.Bytes;
        if (record.HasDuration) ResponseTimes.Add(record.DurationMicros);
        switch (record.Status / 100)
        {
            case 2: _s2xx++; break;
            case 3: _s3xx++; break;
            case 4: _s4xx++; break;
            case 5: _s5xx++; break;
            default: _other++; break;
        }
        if (record.Section is not { } section) return;
        if (Approximate)
        {
            _summary!.Add(section);
            return;
        }

        if (_sections.Count < ExactSectionCap)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_sections, section, out _)++;
            return;
        }

        ref long hits = ref CollectionsMarshal.GetValueRefOrNullRef(_sections, section);
        if (!Unsafe.IsNullRef(ref hits))
        {
            hits++;
            return;
        }

        SwitchToApproximate(section);
    }

    // The exact table is full and a new section arrived: hand the exact counts to Space-Saving (error 0) and count on.
    private void SwitchToApproximate(string section)
    {
        _summary ??= new SpaceSavingSummary(ExactSectionCap);
        _summary.Load(_sections);
        _sections.Clear();
        Approximate = true;
        _summary.Add(section);
    }

    public void AddInvalid(long lines = 1) => Invalid += lines;

    public StatusMix Status => new(_s2xx, _s3xx, _s4xx, _s5xx, _other);

    /// <summary>The <paramref name="top"/> busiest sections: hits descending, then name in ordinal order (CONTRACT.md).
    /// When <see cref="Approximate"/>, the Space-Saving counts: upper bounds, each over by at most
    /// <see cref="Hits"/> / <see cref="ExactSectionCap"/>.</summary>
    public IReadOnlyList<SectionCount> TopSections(int top)
    {
        if (Approximate) return _summary!.Top(top);
        if (_sections.Count == 0 || top <= 0) return Array.Empty<SectionCount>();
        var all = new SectionCount[_sections.Count];
        int i = 0;
        foreach (var (section, hits) in _sections) all[i++] = new SectionCount(section, hits);
        Array.Sort(all, static (a, b) => a.Hits != b.Hits ? b.Hits.CompareTo(a.Hits) : string.CompareOrdinal(a.Section, b.Section));
        return all.Length <= top ? all : all[..top];
    }

    /// <summary>Forgets everything, ready for the next interval, back in exact mode (keeps the dictionary's capacity
    /// and the Space-Saving counters for reuse).</summary>
    public void Reset()
    {
        _sections.Clear();
        _summary?.Clear();
        ResponseTimes.Clear();
        _s2xx = _s3xx = _s4xx = _s5xx = _other = 0;
        Hits = Bytes = Invalid = 0;
        Approximate = false;
    }
}
