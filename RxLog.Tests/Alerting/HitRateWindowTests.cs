using RxLog.Aggregation;
using RxLog.Alerting;

namespace RxLog.Tests.Alerting;

/// <summary>The alert window as a pure accumulator: slid to one boundary at a time, told only the seconds that close.</summary>
public class HitRateWindowTests
{
    private static ClosedSecond Closed(long second, long hits, params SecondHits[] backfilled) =>
        new(second, hits, 0, null, null, backfilled.Length == 0 ? null : backfilled, TimeSpan.Zero, null);

    /// <summary>W = 10; seconds 0..9 hold 1..10 hits (55 in all), each slid in at its own boundary.</summary>
    private static HitRateWindow TenSecondsOfRisingTraffic()
    {
        var window = new HitRateWindow(10);
        for (long s = 0; s < 10; s++) window.Slide(Closed(s, s + 1));
        return window;
    }

    [Fact]
    public void A_closed_second_enters_at_its_own_boundary_and_will_leave_W_seconds_after_it()
    {
        var window = new HitRateWindow(10);

        long total = window.Slide(Closed(5, 3));

        Assert.Equal((3L, 3L, 0.3, (long?)16), (total, window.Total, window.Average, window.NextLeave));
    }

    [Theory]
    [InlineData(10, 54, 12L)]              // boundary 11: second 0 left, seconds 1..9 stay
    [InlineData(14, 40, 16L)]              // boundary 15: seconds 5..9 stay (6 + 7 + 8 + 9 + 10)
    [InlineData(18, 10, 20L)]              // boundary 19: only second 9 stays (b − W = 9 is still inside)
    [InlineData(19, 0, null)]             // boundary 20: second 9 left, nothing is held
    [InlineData(1_000_000, 0, null)]      // eleven days of silence: one step
    [InlineData(31_536_000, 0, null)]     // a year of silence: one step
    public void A_gap_of_any_length_is_one_step_that_drops_every_second_before_b_minus_W(long closedSecond,
        long expectedTotal, long? expectedNextLeave)
    {
        var window = TenSecondsOfRisingTraffic();

        long total = window.Slide(Closed(closedSecond, 0));

        Assert.Equal((expectedTotal, expectedNextLeave), (total, window.NextLeave));
    }

    [Fact]
    public void A_second_entering_after_a_long_gap_is_the_only_one_in_the_window()
    {
        var window = TenSecondsOfRisingTraffic();

        long total = window.Slide(Closed(1_000_000, 7));

        Assert.Equal((7L, (long?)1_000_011), (total, window.NextLeave));
    }

    [Theory]
    [InlineData(14, 3)]   // boundary 15: b − W = 5, so second 5 is still in [5, 15)
    [InlineData(15, 0)]   // boundary 16: b − W = 6, second 5 has left
    public void A_second_leaves_exactly_at_the_boundary_where_b_minus_W_passes_it(long closedSecond, long expectedTotal)
    {
        var window = new HitRateWindow(10);
        window.Slide(Closed(5, 3));

        Assert.Equal(expectedTotal, window.Slide(Closed(closedSecond, 0)));
    }

    [Fact]
    public void NextLeave_follows_the_oldest_second_that_held_hits_as_seconds_leave()
    {
        var window = new HitRateWindow(10);
        var nextLeaves = new List<long?>();
        foreach (var closed in new[] { Closed(5, 1), Closed(6, 0), Closed(8, 2), Closed(15, 0), Closed(18, 0) })
        {
            window.Slide(closed);
            nextLeaves.Add(window.NextLeave);
        }

        // Second 6 held nothing, so it never leaves; second 5 leaves at 16, second 8 at 19.
        Assert.Equal(new long?[] { 16, 16, 16, 19, null }, nextLeaves);
    }

    [Fact]
    public void The_average_is_the_integer_total_over_W_at_every_boundary_so_it_never_drifts()
    {
        // One hit a second for 10,000 s with W = 10: the average is exactly 1.0 at every boundary from the tenth on
        // (a running sum of 0.1s would drift off 1.0, and decide at "equality").
        var window = new HitRateWindow(10);
        var averages = new HashSet<double>();
        for (long s = 0; s < 10_000; s++)
        {
            window.Slide(Closed(s, 1));
            if (s >= 9) averages.Add(window.Average);
        }

        Assert.Equal(new HashSet<double> { 1.0 }, averages);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_window_shorter_than_one_second_is_refused(int seconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HitRateWindow(seconds));
    }

    [Fact]
    public void Backfilled_hits_count_in_their_own_second_and_leave_when_it_does()
    {
        var window = new HitRateWindow(10);
        var totals = new List<long>
        {
            window.Slide(Closed(100, 1, new SecondHits(95, 4))),   // [91, 101): 1 + 4
            window.Slide(Closed(104, 0)),                          // [95, 105): second 95 is still in
            window.Slide(Closed(105, 0)),                          // [96, 106): second 95 left
            window.Slide(Closed(110, 0)),                          // [101, 111): second 100 left
        };

        Assert.Equal(new long[] { 5, 5, 1, 0 }, totals);
    }

    [Fact]
    public void Backfilled_seconds_are_left_out_of_NextLeave()
    {
        var window = new HitRateWindow(10);

        window.Slide(Closed(100, 0, new SecondHits(95, 4)));

        Assert.Equal((4L, (long?)null), (window.Total, window.NextLeave));
    }

    [Fact]
    public void A_backfilled_second_dated_after_the_closed_second_is_clamped_to_it()
    {
        // Dated 103 but closed with second 100: it counts as second 100, so it leaves at boundary 111, not 114.
        var window = new HitRateWindow(10);
        var totals = new List<long>
        {
            window.Slide(Closed(100, 0, new SecondHits(103, 2))),
            window.Slide(Closed(109, 0)),    // [100, 110)
            window.Slide(Closed(110, 0)),    // [101, 111)
        };

        Assert.Equal(new long[] { 2, 2, 0 }, totals);
    }

    [Fact]
    public void A_backfilled_second_older_than_the_window_is_dropped_as_it_arrives()
    {
        // Boundary 101, W = 10: the window is [91, 101); second 90 would have left already, 91 is its oldest second.
        var window = new HitRateWindow(10);

        long total = window.Slide(Closed(100, 1, new SecondHits(90, 5), new SecondHits(91, 6)));

        Assert.Equal(7, total);
    }

    [Fact]
    public void Backfilled_hits_of_one_second_add_up_with_each_other()
    {
        var window = new HitRateWindow(10);
        window.Slide(Closed(100, 0, new SecondHits(97, 2)));
        window.Slide(Closed(101, 0, new SecondHits(97, 3)));

        var totals = new List<long>
        {
            window.Total,                   // [92, 102): 2 + 3 in second 97
            window.Slide(Closed(107, 0)),   // [98, 108): both left together
        };

        Assert.Equal(new long[] { 5, 0 }, totals);
    }
}
