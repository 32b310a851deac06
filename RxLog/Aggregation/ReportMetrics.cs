namespace RxLog.Aggregation;

/// <summary>What a report adds for the metrics endpoint (<c>--listen</c>): every section the interval counted (not just
/// the top ones), its response times in Prometheus's default buckets, and each rule's value at the end boundary.</summary>
/// <param name="Sections">Every section of the interval (exact up to the cap; Space-Saving's upper bounds past it).</param>
/// <param name="DurationBuckets">Response times at most each of <see cref="DurationBoundsSeconds"/>, cumulative;
/// null when no hit carried one. Exact below 128 µs, else to the width of the histogram's bucket (under 1/64).</param>
/// <param name="DurationSumSeconds">The exact sum of those response times.</param>
/// <param name="Rules">Each rule's value at the end boundary (the built-in one first, unless off, then file order).</param>
public sealed record ReportMetrics(IReadOnlyList<SectionCount> Sections, long[]? DurationBuckets, long DurationCount,
    double DurationSumSeconds, IReadOnlyList<RuleValueAt> Rules)
{
    /// <summary>Prometheus's default histogram buckets, in seconds.</summary>
    public static readonly double[] DurationBoundsSeconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>The counts of <paramref name="times"/> at or below each bound; null when it holds none.</summary>
    public static long[]? Buckets(ResponseTimeHistogram times)
    {
        if (times.Count == 0) return null;
        var counts = new long[DurationBoundsSeconds.Length];
        for (int i = 0; i < counts.Length; i++) counts[i] = times.CountAtMost((long)(DurationBoundsSeconds[i] * 1_000_000));
        return counts;
    }
}

/// <summary>A rule's value in the units metrics use: hits/s, a fraction, seconds (latency, silence); null where the
/// rule made no decision.</summary>
public readonly record struct RuleValueAt(string Rule, double? Value);
