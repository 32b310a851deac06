using RxLog.Aggregation;

namespace RxLog.Tests.Aggregation;

public class SpaceSavingSummaryTests
{
    private static (long Count, long Error)? Get(SpaceSavingSummary summary, string section) =>
        summary.TryGet(section, out long count, out long error) ? (count, error) : null;

    [Fact]
    public void A_new_section_takes_over_the_smallest_counter_with_its_count_as_error()
    {
        var summary = new SpaceSavingSummary(3);
        summary.Load(new Dictionary<string, long>(StringComparer.Ordinal) { ["/a"] = 5, ["/b"] = 2, ["/c"] = 4 });

        summary.Add("/d");

        Assert.Null(Get(summary, "/b"));
        Assert.Equal((3L, 2L), Get(summary, "/d"));
        Assert.Equal((5L, 0L), Get(summary, "/a"));
        Assert.Equal(3, summary.MinCount);

        summary.Add("/e"); // the minimum is now /d at 3
        Assert.Null(Get(summary, "/d"));
        Assert.Equal((4L, 3L), Get(summary, "/e"));
        Assert.Equal(
            [new SectionCount("/a", 5), new SectionCount("/c", 4), new SectionCount("/e", 4)],
            summary.Top(10));
        Assert.Equal([new SectionCount("/a", 5)], summary.Top(1));
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
