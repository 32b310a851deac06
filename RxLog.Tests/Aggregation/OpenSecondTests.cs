using RxLog.Aggregation;
using RxLog.Parsing;
using static RxLog.Tests.Support.Records;

namespace RxLog.Tests.Aggregation;

/// <summary>The clock's open second as a pure accumulator: lines counted between boundaries it is told of.</summary>
public class OpenSecondTests
{
    private static long S(long secondAfterT0) => T0Seconds + secondAfterT0;

    private static string Describe(ClosedSecond? closed) => closed is null
        ? "nothing"
        : $"{(closed.Clocked ? (closed.Second - T0Seconds).ToString() : "unclocked")}: hits={closed.Hits} invalid={closed.Invalid}"
          + $" first-invalid={closed.FirstInvalidText ?? "-"}"
          + (closed.Traffic is { } t ? $" sections={string.Join(",", t.TopSections(10).Select(s => $"{s.Section}:{s.Hits}"))}" : "");

    [Theory]
    [InlineData(3)]      // the clock's second when they arrived
    [InlineData(-50)]    // or any other: the boundary decides
    public void Lines_between_two_boundaries_count_in_the_second_before_the_second_boundary_whatever_their_timestamp(
        long clockSecond)
    {
        var open = new OpenSecond();
        open.Close(S(3));

        open.Count(new[] { Hit(-500, "/old"), Hit(3, "/now"), Hit(9_999, "/future") }, S(clockSecond));
        var closed = open.Close(S(4));

        Assert.Equal("3: hits=3 invalid=0 first-invalid=- sections=/future:1,/now:1,/old:1", Describe(closed));
    }

    [Fact]
    public void Every_boundary_closes_the_second_before_it_even_when_nothing_was_read()
    {
        var open = new OpenSecond();
        open.Count(new[] { Hit(0) }, S(0));

        var closed = new[] { open.Close(S(1))?.Copy(), open.Close(S(2))?.Copy(), open.Close(S(40))?.Copy() };

        Assert.Equal(new[]
        {
            "0: hits=1 invalid=0 first-invalid=- sections=/api:1",
            "1: hits=0 invalid=0 first-invalid=-",
            "39: hits=0 invalid=0 first-invalid=-",
        }, closed.Select(Describe));
    }

    [Fact]
    public void Invalid_lines_read_before_the_first_boundary_land_in_the_first_closed_second()
    {
        var open = new OpenSecond();
        open.Count(new[] { Bad("first"), Bad("second") }, long.MinValue / 2);   // before any record: no real second
        open.Count(new[] { Hit(5) }, S(5));

        var closed = new[] { open.Close(S(6))?.Copy(), open.Close(S(7))?.Copy() };

        Assert.Equal(new[]
        {
            "5: hits=1 invalid=2 first-invalid=first sections=/api:1",
            "6: hits=0 invalid=0 first-invalid=-",
        }, closed.Select(Describe));
    }

    [Fact]
    public void A_boundary_reached_before_closes_nothing_and_the_lines_wait_for_the_next_new_one()
    {
        var open = new OpenSecond();
        var closed = new List<ClosedSecond?>();
        open.Count(new[] { Hit(9) }, S(9));
        closed.Add(open.Close(S(10))?.Copy());
        open.Count(new[] { Hit(10, "/b") }, S(10));
        closed.Add(open.Close(S(10))?.Copy());    // asked twice (a report's end and a leaving second)
        closed.Add(open.Close(S(8))?.Copy());     // asked for after the clock passed it
        closed.Add(open.Close(S(11))?.Copy());

        Assert.Equal(new[]
        {
            "9: hits=1 invalid=0 first-invalid=- sections=/api:1",
            "nothing",
            "nothing",
            "10: hits=1 invalid=0 first-invalid=- sections=/b:1",
        }, closed.Select(Describe));
    }

    [Theory]
    // boundary first?, hits, invalid lines (read with the clock in second 7)  →  what Flush closes
    [InlineData(false, 0, 0, "nothing")]
    [InlineData(true, 0, 0, "nothing")]
    [InlineData(false, 1, 0, "7: hits=1 invalid=0")]
    [InlineData(false, 1, 2, "7: hits=1 invalid=2")]
    [InlineData(false, 0, 2, "unclocked: hits=0 invalid=2")]   // no record, no boundary: counted, never decided
    [InlineData(true, 1, 0, "7: hits=1 invalid=0")]            // boundary 5 passed, the clock is at 7 now
    [InlineData(true, 0, 2, "7: hits=0 invalid=2")]            // after a boundary, invalid lines have a clock
    public void At_the_end_the_open_second_closes_only_if_it_read_something(bool boundaryFirst, int hits, int invalid,
        string expected)
    {
        var open = new OpenSecond();
        if (boundaryFirst) open.Close(S(5));
        open.Count(Enumerable.Repeat(Bad("x"), invalid).Concat(Hits(7, hits)).ToArray(), S(7));

        var flushed = open.Flush();

        Assert.Equal(expected, flushed is null ? "nothing" : Describe(flushed).Split(" first-invalid")[0]);
    }

    [Fact]
    public void At_the_end_a_second_whose_boundary_already_came_is_not_closed_twice()
    {
        var open = new OpenSecond();
        open.Count(new[] { Hit(7) }, S(7));
        open.Close(S(8));

        Assert.Null(open.Flush());
    }

    [Fact]
    public void A_closed_second_takes_the_first_records_offset_and_keeps_it()
    {
        var open = new OpenSecond();
        open.Count(new[] { Hit(1, offsetMinutes: 120), Hit(1, offsetMinutes: -300) }, S(1));
        var first = open.Close(S(2))!.Copy();
        open.Count(new[] { Hit(2, offsetMinutes: -300) }, S(2));
        var second = open.Close(S(3))!;

        Assert.Equal((TimeSpan.FromHours(2), TimeSpan.FromHours(2)), (first.Offset, second.Offset));
    }

    [Fact]
    public void Backfilled_records_keep_their_own_second_clamped_to_the_clock_and_count_for_nothing_else()
    {
        var open = new OpenSecond();
        open.Backfill(new[] { Hit(3), Hit(3), Hit(9), Bad() }, S(5));

        var closed = open.Close(S(6))!;

        Assert.Equal("5: hits=0 invalid=0 first-invalid=- backfilled=3:1,3:1,5:1",
            Describe(closed) + " backfilled=" + string.Join(",", closed.Backfilled!.Select(h => $"{h.Second - T0Seconds}:{h.Hits}")));
    }
}
