namespace RxLog.Aggregation;

/// <summary>Lines read from each source (a followed file, stdin as <c>-</c>, a replayed file), blank lines included:
/// what <c>rxlog_lines_read_total{source}</c> and <c>/api/status</c> report. Lines that only filled the alert window
/// (<c>watch</c>'s backfill) are not lines of the run and are not counted.</summary>
/// <remarks>Counted once per chunk, not per line, on whichever thread reads or parses it. Bounded like the section
/// labels: past <see cref="DefaultLabels"/> sources, <see cref="OtherSource"/>.</remarks>
public sealed class SourceLines(int labels = SourceLines.DefaultLabels) : BoundedCounts(labels, OtherSource)
{
    /// <summary>The source every one past the bound counts as.</summary>
    public const string OtherSource = "other";

    /// <summary>The default bound.</summary>
    public const int DefaultLabels = 256;

    /// <summary>A source that will be read (a file named on the command line), listed with 0 lines before its first.</summary>
    public void Expect(string source) => Add(source, 0);
}
