using System.Numerics;

namespace RxLog.Aggregation;

/// <summary>Response times (microseconds) of one interval or run in fixed log-linear buckets: bounded memory, O(1) per
/// value, percentiles with a stated error bound. Pure, no clock.</summary>
/// <remarks>
/// <para>Buckets, as in HdrHistogram: values below 128 µs have a bucket each (0 µs included), so they are exact. Above
/// that, every power of two <c>[2^k, 2^(k+1))</c> is split into 64 equal buckets, so a bucket holding values from
/// <c>lo</c> is at most <c>lo / 64</c> wide (under 1.6% relative width). The bucket is found with a leading-zero count
/// and two shifts, no floating point. The top is <see cref="TopMicros"/> = 2^32 µs (about 71.6 minutes); larger values
/// share the last bucket and are reported as <see cref="TopMicros"/>, meaning "at least that". 1,729 counters in all.</para>
/// <para><b>Error bound.</b> <see cref="Percentile"/> returns the middle of the bucket that holds the exact percentile,
/// so for any value below the top its relative error is at most half a bucket's relative width:
/// <c>|Percentile(q) − exact| ≤ exact / 128</c> (0.79%), and zero below 128 µs.
/// <see cref="Sum"/> is exact, so the average is exact too.</para>
/// </remarks>
public sealed class ResponseTimeHistogram
{
    /// <summary>Values at or above this many microseconds (2^32 µs ≈ 71.6 min) are counted in the last bucket and
    /// reported as this value.</summary>
    public const long TopMicros = 1L << 32;

    /// <summary>The worst relative error of <see cref="Percentile"/> for a percentile below <see cref="TopMicros"/>.</summary>
    public const double RelativeErrorBound = 1.0 / 128;

    private const int SubBucketBits = 6;                      // 64 buckets per power of two
    private const int ExactBelow = 2 << SubBucketBits;        // 128: values below it have a bucket of their own
    private const int TopIndex = ((32 - SubBucketBits) << SubBucketBits) + (1 << SubBucketBits); // 1728: 2^32 and up

    private long[]? _counts;                                   // made at the first value: most logs carry no times
    private int _lowest = int.MaxValue, _highest = -1;        // bucket range touched since the last Clear
    // The sum as two 64-bit halves (2^63 values of up to 2^63 µs cannot overflow 128 bits), not an Int128: ReadyToRun
    // cannot precompile code that does Int128 arithmetic outside CoreLib, which left this type's Add and Merge, and
    // their callers TrafficAccumulator.Merge and ReportInterval.Add, in unoptimised JIT code for whole runs.
    private ulong _sumLow, _sumHigh;

    /// <summary>Values added.</summary>
    public long Count { get; private set; }

    /// <summary>Exact sum of the values added, in microseconds.</summary>
    public Int128 Sum => new(_sumHigh, _sumLow);

    /// <summary>Exact mean in microseconds (as exact as a double holds it); 0 when empty.</summary>
    public double AverageMicros => Count == 0 ? 0 : (double)Sum / Count;

    /// <summary>Counts one response time; no allocation.</summary>
    public void Add(long micros)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(micros);
        int index = IndexOf(micros);
        (_counts ??= new long[TopIndex + 1])[index]++;
        if (index < _lowest) _lowest = index;
        if (index > _highest) _highest = index;
        Count++;
        AddToSum((ulong)micros, 0);
    }

    /// <summary>Adds every value of <paramref name="other"/>, in O(buckets it touched).</summary>
    public void Merge(ResponseTimeHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0) return;
        _counts ??= new long[TopIndex + 1];
        for (int i = other._lowest; i <= other._highest; i++) _counts[i] += other._counts![i];
        _lowest = Math.Min(_lowest, other._lowest);
        _highest = Math.Max(_highest, other._highest);
        Count += other.Count;
        AddToSum(other._sumLow, other._sumHigh);
    }

    /// <summary>Takes away every value of <paramref name="other"/>, which must have been <see cref="Merge"/>d in
    /// before (a second leaving a rule's window), in O(buckets it touched).</summary>
    public void Subtract(ResponseTimeHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0) return;
        if (other.Count > Count) throw new InvalidOperationException("Subtracting values that were not added.");
        for (int i = other._lowest; i <= other._highest; i++) _counts![i] -= other._counts![i];
        Count -= other.Count;
        ulong low = _sumLow - other._sumLow;
        _sumHigh = _sumHigh - other._sumHigh - (low > _sumLow ? 1UL : 0UL);
        _sumLow = low;
        if (Count == 0)
        {
            _lowest = int.MaxValue;
            _highest = -1;
            return;
        }
        // Percentile reads from the lowest touched bucket to the highest: keep both on buckets that hold values.
        while (_counts![_lowest] == 0) _lowest++;
        while (_counts[_highest] == 0) _highest--;
    }

    private void AddToSum(ulong low, ulong high)
    {
        ulong sum = _sumLow + low;
        _sumHigh += high + (sum < low ? 1UL : 0UL);
        _sumLow = sum;
    }

    /// <summary>Forgets every value, in O(buckets touched since the last clear).</summary>
    public void Clear()
    {
        if (Count == 0) return;
        Array.Clear(_counts!, _lowest, _highest - _lowest + 1);
        _lowest = int.MaxValue;
        _highest = -1;
        Count = 0;
        _sumLow = _sumHigh = 0;
    }

    /// <summary>The nearest-rank <paramref name="q"/>-th percentile in microseconds: the middle of the bucket holding
    /// the smallest value v such that at least q% of the values are ≤ v. Within <see cref="RelativeErrorBound"/> of
    /// the exact one; <see cref="TopMicros"/> when that value is at or above the top.</summary>
    /// <param name="q">Percent, in (0, 100].</param>
    /// <exception cref="InvalidOperationException">No value was added.</exception>
    public long Percentile(double q)
    {
        if (!(q > 0 && q <= 100)) throw new ArgumentOutOfRangeException(nameof(q), q, "A percentile is in (0, 100].");
        if (Count == 0) throw new InvalidOperationException("No response time was added.");
        // q * Count is exact for whole q, so 95% of 100 values is rank 95, not 96.
        long rank = Math.Max(1, (long)Math.Ceiling(q * Count / 100));
        long seen = 0;
        for (int i = _lowest; i < _highest; i++)
        {
            seen += _counts![i];
            if (seen >= rank) return Representative(i);
        }
        return Representative(_highest);
    }

    /// <summary>Values at or below <paramref name="micros"/>, to the width of the bucket holding it (exact below 128 µs):
    /// the values of every bucket up to that one.</summary>
    public long CountAtMost(long micros)
    {
        if (Count == 0 || micros < 0) return 0;
        int last = Math.Min(IndexOf(micros), _highest);
        long count = 0;
        for (int i = _lowest; i <= last; i++) count += _counts![i];
        return count;
    }

    /// <summary>Count, average and p50/p95/p99 for a report; null when no value was added.</summary>
    public ResponseTimeStats? Summarize() => Count == 0
        ? null
        : new ResponseTimeStats(Count, AverageMicros, Percentile(50), Percentile(95), Percentile(99));

    // Below 128: the value itself. Above: with k = log2(v), keep the top 7 bits of v (64..127) and put the number
    // of dropped bits in front, so buckets ascend with the values.
    private static int IndexOf(long micros)
    {
        if (micros >= TopMicros) return TopIndex;
        int shift = Math.Max(0, BitOperations.Log2((ulong)micros) - SubBucketBits);
        return (shift << SubBucketBits) + (int)(micros >> shift);
    }

    private static long Representative(int index)
    {
        if (index < ExactBelow) return index;
        if (index == TopIndex) return TopMicros;
        int shift = (index >> SubBucketBits) - 1;
        long low = (long)(index - (shift << SubBucketBits)) << shift;
        return low + (1L << (shift - 1));   // the middle of [low, low + 2^shift)
    }
}
