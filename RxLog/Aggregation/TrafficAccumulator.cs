using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RxLog.Parsing;

namespace RxLog.Aggregation;

/// <summary>Everything one report interval counts: hits, sections, clients, status classes, bytes, invalid lines,
/// response times. Pure, no clock.</summary>
/// <remarks>Sections and clients are each counted by a <see cref="TopCounter"/>: exact up to
/// <see cref="ExactSectionCap"/> distinct values per interval (CONTRACT.md), then Space-Saving, and the report says
/// <c>Approximate</c>.</remarks>
public sealed class TrafficAccumulator
{
    /// <summary>CONTRACT.md: top sections (and clients) are exact while an interval holds at most this many.</summary>
    public const int ExactSectionCap = TopCounter.ExactCap;

    private readonly TopCounter _sections;
    private readonly TopCounter _clients;
    private long _s2xx, _s3xx, _s4xx, _s5xx, _other;

    /// <summary>Counts a report interval: sections and clients exact up to <see cref="ExactSectionCap"/> each.</summary>
    public TrafficAccumulator()
        : this(ExactSectionCap)
    {
    }

    /// <param name="exactCap">Distinct sections (and clients) counted exactly before Space-Saving takes over:
    /// <see cref="int.MaxValue"/> for the part of an interval one parsing worker counts (its chunk bounds it),
    /// which is then <see cref="Merge"/>d into the interval.</param>
    /// <param name="keysByReference">Tell sections and clients apart by string instance (see <see cref="TallyTable"/>):
    /// for a worker's part of an interval, whose parser interns them.</param>
    public TrafficAccumulator(int exactCap, bool keysByReference = false)
    {
        _sections = new TopCounter(exactCap, keysByReference);
        _clients = new TopCounter(exactCap, keysByReference);
    }

    /// <summary>Response times of this interval's hits that carried one.</summary>
    public ResponseTimeHistogram ResponseTimes { get; } = new();

    public long Hits { get; private set; }
    public long Bytes { get; private set; }
    public long Invalid { get; private set; }

    /// <summary>The first line given to <see cref="AddInvalidLine"/> since the last reset, as read.</summary>
    public string? FirstInvalidText { get; private set; }

    /// <summary>True when the interval had more distinct sections than the exact cap.</summary>
    public bool Approximate => _sections.Approximate;

    /// <summary>True when the interval had more distinct clients than the exact cap.</summary>
    public bool ClientsApproximate => _clients.Approximate;

    /// <summary>Hits that named a client (the format has one and the line did not say <c>-</c>).</summary>
    public long HitsWithClient { get; private set; }

    /// <summary>True when nothing at all was counted (no hit, no invalid line).</summary>
    public bool IsEmpty => Hits == 0 && Invalid == 0;

    [MethodImpl(HotPath.FullyOptimized)]
    public void Add(in LogRecord record)
    {
        AddAllButKeys(record);
        if (record.Section is { } section) _sections.Add(section, record.Bytes);
        if (record.Client is { } client) _clients.Add(client, record.Bytes);
    }

    /// <summary><see cref="Add"/> but for the record's section and client, which a parsing worker counts by intern
    /// entry (<see cref="InternedKeyCounts"/>) and drains in with <see cref="AddSections"/> and <see cref="AddClients"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AddAllButKeys(in LogRecord record)
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

        if (record.Client is not null) HitsWithClient++;
    }

    /// <summary>Counts the sections held by <paramref name="counts"/> here, and empties it.</summary>
    internal void AddSections(InternedKeyCounts counts) => counts.DrainInto(_sections);

    /// <summary>Counts the clients held by <paramref name="counts"/> here, and empties it.</summary>
    internal void AddClients(InternedKeyCounts counts) => counts.DrainInto(_clients);

    public void AddInvalid(long lines = 1) => Invalid += lines;

    /// <summary>Counts one invalid line, keeping the text of the first.</summary>
    public void AddInvalidLine(string? text)
    {
        Invalid++;
        FirstInvalidText ??= text ?? "";
    }

    /// <summary>Adds everything <paramref name="other"/> counted, as if its hits and invalid lines had been added
    /// here (in the order of its keys); <paramref name="other"/> is left as it was.</summary>
    public void Merge(TrafficAccumulator other)
    {
        Hits += other.Hits;
        Bytes += other.Bytes;
        Invalid += other.Invalid;
        HitsWithClient += other.HitsWithClient;
        _s2xx += other._s2xx;
        _s3xx += other._s3xx;
        _s4xx += other._s4xx;
        _s5xx += other._s5xx;
        _other += other._other;
        ResponseTimes.Merge(other.ResponseTimes);
        _sections.Merge(other._sections);
        _clients.Merge(other._clients);
    }

    public StatusMix Status => new(_s2xx, _s3xx, _s4xx, _s5xx, _other);

    /// <summary>The <paramref name="top"/> busiest sections: hits descending, then name in ordinal order (CONTRACT.md).
    /// When <see cref="Approximate"/>, the Space-Saving counts: upper bounds, each over by at most
    /// <see cref="Hits"/> / <see cref="ExactSectionCap"/>.</summary>
    public IReadOnlyList<SectionCount> TopSections(int top) =>
        Array.ConvertAll(_sections.Top(top), static k => new SectionCount(k.Key, k.Hits));

    /// <summary>The <paramref name="top"/> clients with most hits, with their bytes, in the same order as sections.
    /// When <see cref="ClientsApproximate"/>, hits are upper bounds as for sections and bytes lower bounds.</summary>
    public IReadOnlyList<ClientCount> TopClients(int top) =>
        Array.ConvertAll(_clients.Top(top), static k => new ClientCount(k.Key, k.Hits, k.Bytes));

    /// <summary>Forgets everything, ready for the next interval, back in exact mode (keeps the dictionaries'
    /// capacity and the Space-Saving counters for reuse).</summary>
    public void Reset()
    {
        _sections.Reset();
        _clients.Reset();
        ResponseTimes.Clear();
        _s2xx = _s3xx = _s4xx = _s5xx = _other = 0;
        Hits = Bytes = Invalid = HitsWithClient = 0;
        FirstInvalidText = null;
    }
}
