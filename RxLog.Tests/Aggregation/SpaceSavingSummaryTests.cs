using RxLog.Aggregation;

namespace RxLog.Tests.Aggregation;

public class SpaceSavingSummaryTests
{
    private static (long Count, long Error)? Get(SpaceSavingSummary summary, string section) =>
        summary.TryGet(section, out long count, out long error) ? (count, error) : null;

    [Fact]
    public void A_new_key_takes_over_the_smallest_counter_with_its_count_as_error_and_only_its_own_bytes()
    {
        var summary = new SpaceSavingSummary(3);
        summary.Load([new KeyCount("/a", 5, 500), new KeyCount("/b", 2, 200), new KeyCount("/c", 4, 400)]);

        summary.Add("/d", 7);

        Assert.Null(Get(summary, "/b"));
        Assert.Equal((3L, 2L), Get(summary, "/d"));
        Assert.Equal((5L, 0L), Get(summary, "/a"));
        Assert.Equal(3, summary.MinCount);

        summary.Add("/e", 9); // the minimum is now /d at 3
        Assert.Null(Get(summary, "/d"));
        Assert.Equal((4L, 3L), Get(summary, "/e"));
        Assert.Equal(
            [new KeyCount("/a", 5, 500), new KeyCount("/c", 4, 400), new KeyCount("/e", 4, 9)],
            summary.Top(10));
        Assert.Equal([new KeyCount("/a", 5, 500)], summary.Top(1));
    }

    [Fact]
    public void A_tracked_key_adds_the_bytes_of_each_hit()
    {
        var summary = new SpaceSavingSummary(2);
        summary.Add("10.0.0.1", 100);
        summary.Add("10.0.0.2", 5);
        summary.Add("10.0.0.1", 250);

        Assert.Equal([new KeyCount("10.0.0.1", 2, 350), new KeyCount("10.0.0.2", 1, 5)], summary.Top(2));
    }

    [Fact]
    public void Counters_fill_before_any_eviction_and_sum_to_the_hits()
    {
        var summary = new SpaceSavingSummary(4);
        string[] stream = ["/x", "/y", "/x", "/z", "/w", "/x", "/v", "/u", "/x", "/y"];
        foreach (string section in stream)
        {
            summary.Add(section);
        }

        Assert.Equal(4, summary.Count);
        Assert.Equal(stream.Length, summary.Top(10).Sum(s => s.Hits));
        Assert.Equal((4L, 0L), Get(summary, "/x"));
    }

    [Fact]
    public void Clear_forgets_every_counter()
    {
        var summary = new SpaceSavingSummary(2);
        summary.Add("/a");
        summary.Add("/b");
        summary.Add("/c");

        summary.Clear();

        Assert.Equal(0, summary.Count);
        Assert.Empty(summary.Top(5));
        summary.Add("/c");
        Assert.Equal((1L, 0L), Get(summary, "/c"));
    }
}
