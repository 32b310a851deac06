using RxLog.Aggregation;
using RxLog.Tests.Support;

namespace RxLog.Tests.Aggregation;

public class ResponseTimeHistogramTests
{
    private const long Ms = 1_000;
    private static readonly double[] Quantiles = [0.1, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 100];

    private static ResponseTimeHistogram Of(IEnumerable<long> micros)
    {
        var histogram = new ResponseTimeHistogram();
        foreach (long m in micros)
        {
            histogram.Add(m);
        }

        return histogram;
    }

    // Nearest rank: the smallest value v such that at least q% of the values are <= v.
    private static long ExactPercentile(long[] sorted, double q) =>
        sorted[Math.Max(1, (long)Math.Ceiling(q * sorted.Length / 100)) - 1];

    private static void AssertWithinBound(long exact, long estimate, string what)
    {
        double error = Math.Abs(estimate - exact);
        Assert.True(error <= exact * ResponseTimeHistogram.RelativeErrorBound,
            $"{what}: estimate {estimate} µs for exact {exact} µs is off by {error / exact:P3}");
    }

    [Fact]
    public void The_stated_bound_is_half_of_a_bucket_that_is_one_64th_wide()
    {
        Assert.Equal(1.0 / 128, ResponseTimeHistogram.RelativeErrorBound);
    }

    [Fact]
    public void One_value_is_every_percentile_and_the_average()
    {
        var histogram = Of([42 * Ms]);

        Assert.Equal(1, histogram.Count);
        Assert.Equal(42 * Ms, histogram.AverageMicros);
        foreach (double q in Quantiles)
        {
            AssertWithinBound(42 * Ms, histogram.Percentile(q), $"p{q}");
        }
    }

    [Fact]
    public void Values_below_128_microseconds_are_exact_and_zero_has_its_own_bucket()
    {
        long[] values = Enumerable.Range(0, 128).Select(v => (long)v).ToArray();
        var histogram = Of(values);

        foreach (double q in Quantiles)
        {
            Assert.Equal(ExactPercentile(values, q), histogram.Percentile(q));
        }

        var zeros = Of([0, 0, 0, 1]);
        Assert.Equal((0L, 0L, 1L), (zeros.Percentile(50), zeros.Percentile(75), zeros.Percentile(76)));
    }

    [Fact]
    public void All_equal_values_give_one_percentile_and_an_exact_average()
    {
        var histogram = Of(Enumerable.Repeat(250 * Ms, 1000));

        long p50 = histogram.Percentile(50);
        Assert.Equal((p50, p50, p50), (histogram.Percentile(1), histogram.Percentile(99), histogram.Percentile(100)));
        AssertWithinBound(250 * Ms, p50, "p50");
        Assert.Equal((1000L, (Int128)250_000_000, 250_000.0), (histogram.Count, histogram.Sum, histogram.AverageMicros));
    }

    [Fact]
    public void One_to_a_hundred_milliseconds_have_the_nearest_rank_percentiles()
    {
        var histogram = Of(Enumerable.Range(1, 100).Select(v => v * Ms));

        AssertWithinBound(50 * Ms, histogram.Percentile(50), "p50");
        AssertWithinBound(95 * Ms, histogram.Percentile(95), "p95");   // rank 95, not 96
        AssertWithinBound(99 * Ms, histogram.Percentile(99), "p99");
        AssertWithinBound(100 * Ms, histogram.Percentile(100), "p100");
        AssertWithinBound(1 * Ms, histogram.Percentile(0.5), "p0.5");
        Assert.Equal(50_500.0, histogram.AverageMicros);
    }

    [Fact]
    public void Random_values_over_ten_decades_are_within_the_bound_of_the_exact_percentiles()
    {
        var random = new Random(20260101);
        for (int run = 0; run < 20; run++)
        {
            // Log-uniform from 1 µs to 10^10 µs (2.8 h, past the top: the bound is for values below it).
            long[] values = Enumerable.Range(0, 1 + random.Next(5000))
                .Select(_ => (long)Math.Pow(10, random.NextDouble() * 9.6))
                .ToArray();
            var histogram = Of(values);
            Array.Sort(values);

            foreach (double q in Quantiles)
            {
                long exact = ExactPercentile(values, q);
                long estimate = histogram.Percentile(q);
                if (exact >= ResponseTimeHistogram.TopMicros)
                {
                    Assert.Equal(ResponseTimeHistogram.TopMicros, estimate);
                }
                else
                {
                    AssertWithinBound(exact, estimate, $"run {run}, n {values.Length}, p{q}");
                }
            }

            Assert.Equal(values.Aggregate((Int128)0, (sum, v) => sum + v), histogram.Sum);
        }
    }

    [Fact]
    public void Values_at_every_bucket_edge_up_to_the_top_are_within_the_bound()
    {
        var histogram = new ResponseTimeHistogram();
        for (int bit = 0; bit < 32; bit++)
        {
            for (long step = 0; step < 64; step++)
            {
                // Around each of the 64 sub-bucket edges of [2^bit, 2^(bit+1)).
                long edge = (1L << bit) + (step << bit) / 64;
                foreach (long value in new[] { edge - 1, edge, edge + 1 })
                {
                    if (value < 1 || value >= ResponseTimeHistogram.TopMicros)
                    {
                        continue;
                    }

                    histogram.Clear();
                    histogram.Add(value);
                    AssertWithinBound(value, histogram.Percentile(50), $"{value} µs");
                }
            }
        }
    }

    [Fact]
    public void Values_above_the_top_are_reported_as_the_top_and_still_summed_exactly()
    {
        long twoHours = 2L * 3600 * 1_000_000;
        var histogram = Of([1 * Ms, twoHours, long.MaxValue]);

        Assert.Equal(ResponseTimeHistogram.TopMicros, histogram.Percentile(99));
        Assert.True(ResponseTimeHistogram.TopMicros >= 3600L * 1_000_000, "the top is at least an hour");
        Assert.Equal((Int128)1 * Ms + twoHours + long.MaxValue, histogram.Sum);
    }

    [Fact]
    public void Sums_past_two_to_the_64_microseconds_stay_exact_whether_added_or_merged()
    {
        // Three values of 2^63 - 1 µs carry into the sum's upper half when added, and again when merged.
        var added = Of([long.MaxValue, long.MaxValue, long.MaxValue]);
        var merged = Of([long.MaxValue, long.MaxValue, long.MaxValue]);
        merged.Merge(Of([long.MaxValue, long.MaxValue, long.MaxValue]));

        Assert.Equal((Int128)long.MaxValue * 3, added.Sum);
        Assert.Equal((Int128)long.MaxValue * 6, merged.Sum);
        Assert.Equal(long.MaxValue, merged.AverageMicros, 1e-12 * long.MaxValue);
    }

    [Fact]
    public void Merging_is_adding_every_value_to_one_histogram()
    {
        long[] a = [5, 130, 7 * Ms, 900 * Ms], b = [0, 64 * Ms, 3_000 * Ms, 7 * Ms];
        var merged = Of(a);
        merged.Merge(Of(b));
        var together = Of(a.Concat(b));

        Assert.Equal(together.Summarize(), merged.Summarize());
        foreach (double q in Quantiles)
        {
            Assert.Equal(together.Percentile(q), merged.Percentile(q));
        }
    }

    [Fact]
    public void Clear_forgets_everything()
    {
        var histogram = Of([3 * Ms, 4_000 * Ms]);
        histogram.Clear();

        Assert.Equal((0L, (Int128)0, 0.0), (histogram.Count, histogram.Sum, histogram.AverageMicros));
        Assert.Null(histogram.Summarize());
        histogram.Add(10);
        Assert.Equal(new ResponseTimeStats(1, 10, 10, 10, 10), histogram.Summarize());
    }

    [Fact]
    public void An_empty_histogram_has_no_stats_and_no_percentile()
    {
        var histogram = new ResponseTimeHistogram();

        Assert.Null(histogram.Summarize());
        Assert.Throws<InvalidOperationException>(() => histogram.Percentile(50));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    public void A_percentile_outside_0_to_100_is_refused(double q)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Of([1]).Percentile(q));
    }

    [Fact]
    public void A_negative_time_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResponseTimeHistogram().Add(-1));
    }

    [Fact]
    public void Adding_allocates_nothing()
    {
        var histogram = new ResponseTimeHistogram();
        histogram.Add(1);
        long allocated = Allocations.FewestInPasses(3, () =>
        {
            for (long v = 0; v < 100_000; v++)
            {
                histogram.Add(v * 997);
            }
        });

        Assert.Equal((300_001L, 0L), (histogram.Count, allocated));
    }
}
