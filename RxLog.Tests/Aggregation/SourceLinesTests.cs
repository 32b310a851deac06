using RxLog.Aggregation;

namespace RxLog.Tests.Aggregation;

/// <summary>Lines read per source, as <c>rxlog_lines_read_total{source}</c> and <c>/api/status</c> show them.</summary>
public class SourceLinesTests
{
    [Fact]
    public void Sources_are_listed_in_the_order_first_seen_with_their_expected_ones_at_zero_until_read()
    {
        var lines = new SourceLines();
        lines.Expect("b.log");
        lines.Add("a.log", 3);
        lines.Add("b.log", 2);
        lines.Add("a.log", 4);
        lines.Expect("a.log");   // a file listed again does not lose its count
        lines.Expect("c.log");

        Assert.Equal([new("b.log", 2L), new("a.log", 7L), new("c.log", 0L)], lines.Snapshot());
    }

    [Fact]
    public void Past_the_bound_new_sources_count_as_other_and_no_line_is_lost()
    {
        var lines = new SourceLines(labels: 2);
        lines.Add("a.log", 1);
        lines.Add("b.log", 1);
        lines.Add("c.log", 5);
        lines.Add("d.log", 6);
        lines.Add("a.log", 1);

        Assert.Equal([new("a.log", 2L), new("b.log", 1L), new(SourceLines.OtherSource, 11L)], lines.Snapshot());
    }

    [Fact]
    public void A_source_named_like_the_overflow_label_shares_it_so_no_label_is_written_twice()
    {
        var lines = new SourceLines(labels: 1);
        lines.Add("other", 2);
        lines.Add("a.log", 1);
        lines.Add("b.log", 3);

        Assert.Equal([new("a.log", 1L), new(SourceLines.OtherSource, 5L)], lines.Snapshot());
    }

    [Fact]
    public void Counts_from_many_threads_add_up()
    {
        var lines = new SourceLines();

        Parallel.For(0, 8, worker =>
        {
            for (int i = 0; i < 10_000; i++) lines.Add(worker % 2 == 0 ? "even" : "odd", 1);
        });

        Assert.Equal([40_000L, 40_000L], lines.Snapshot().Select(c => c.Value));
    }
}
