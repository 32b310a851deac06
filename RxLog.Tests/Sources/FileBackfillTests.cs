using System.Globalization;
using System.Reactive;
using System.Reactive.Concurrency;
using System.Text;
using RxLog.Parsing;
using RxLog.Sources;
using RxLog.Tests.Support;
using static RxLog.Tests.Support.Records;

namespace RxLog.Tests.Sources;

/// <summary><see cref="FileFollowSource"/> with a <see cref="WindowBackfill"/>: at subscription, the records of the
/// last 2 minutes in the file's tail are passed on as backfill chunks, and following goes on from the end.</summary>
public sealed class FileBackfillTests : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    private readonly TempDir _dir = new();
    private readonly HistoricalScheduler _scheduler = new(At(0).AddMilliseconds(500));
    private readonly List<(string Text, bool Backfill)> _lines = new();
    private readonly List<string> _notices = new();
    private readonly string _path;
    private IDisposable? _subscription;

    public FileBackfillTests() => _path = _dir.File("access.log");

    public void Dispose()
    {
        _subscription?.Dispose();
        _dir.Dispose();
    }

    private void Follow(bool fromStart = false) =>
        _subscription = FileFollowSource.Follow(_path, _scheduler, Poll, fromStart, _notices.Add,
            new WindowBackfill(120, () => new CommonLogParser())).Subscribe(Observer.Create<LineChunk>(chunk =>
        {
            Assert.Equal((byte)'\n', chunk.Lines[^1]);
            foreach (var line in Encoding.UTF8.GetString(chunk.Lines).Split('\n')[..^1]) _lines.Add((line, chunk.Backfill));
        }));

    private static string Line(long second, string path = "/api") => LogLines.Clf(request: $"GET {path} HTTP/1.1",
        time: At(second).ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture));

    private void Append(string text) => File.AppendAllText(_path, text);

    private List<string> Backfilled => _lines.Where(l => l.Backfill).Select(l => l.Text).ToList();
    private List<string> Followed => _lines.Where(l => !l.Backfill).Select(l => l.Text).ToList();

    private string Loaded(int hits) => $"{_path}: {hits} {(hits == 1 ? "hit" : "hits")} of the last 2m0s loaded into the alert window";

    [Fact]
    public void The_window_s_records_come_at_subscription_in_file_order_and_following_goes_on_after_them()
    {
        // More than one 64 KiB block of lines in the window, so lines are cut by block bounds while reading backwards.
        var window = Enumerable.Range(0, 1500).Select(i => Line(-119 + i % 120, $"/p{i}")).ToList();
        Append(Line(-500) + "\n" + Line(-121) + "\n" + string.Concat(window.Select(l => l + "\n")) + "half of a li");

        Follow();
        Assert.Equal(window, Backfilled);                                    // before any poll
        Assert.Equal([Loaded(1500)], _notices);

        Append("ne\n" + Line(1) + "\n");
        _scheduler.AdvanceBy(Poll);
        Assert.Equal(["half of a line", Line(1)], Followed);                  // the unfinished line is read whole, once
        Assert.Equal(1500, Backfilled.Count);
    }

    [Fact]
    public void A_byte_order_mark_an_overlong_line_invalid_lines_and_blank_lines_in_the_tail_are_passed_over()
    {
        Append("\uFEFF" + Line(-100) + "\n" + new string('x', 70 * 1024) + "\n\n" + Line(-50) + "\r\nnot a record\n"
               + Line(-1) + "\n");

        Follow();

        Assert.Equal([Line(-100), Line(-50) + "\r", Line(-1)], Backfilled);
        Assert.Equal([Loaded(3)], _notices);
    }

    [Fact]
    public void An_unfinished_overlong_last_line_is_passed_over_and_the_lines_before_it_are_found()
    {
        Append(Line(-10) + "\n" + new string('x', 300 * 1024));

        Follow();

        Assert.Equal([Line(-10)], Backfilled);
        Assert.Equal([Loaded(1)], _notices);
    }

    [Fact]
    public void A_file_without_a_single_newline_backfills_nothing()
    {
        Append(new string('x', 300 * 1024));

        Follow();

        Assert.Empty(_lines);
        Assert.Equal([Loaded(0)], _notices);
    }

    [Fact]
    public void A_missing_file_is_waited_for_and_read_from_its_start_without_backfill()
    {
        Follow();
        _scheduler.AdvanceBy(Poll);
        Append(Line(-5) + "\n" + Line(0) + "\n");
        _scheduler.AdvanceBy(Poll);

        Assert.Equal([Line(-5), Line(0)], Followed);
        Assert.Empty(Backfilled);
        Assert.Equal([$"waiting for {_path} to appear"], _notices);
    }

    [Fact]
    public void From_start_reads_the_file_as_before_without_backfill()
    {
        Append(Line(-5) + "\n");

        Follow(fromStart: true);
        _scheduler.AdvanceBy(Poll);

        Assert.Equal([Line(-5)], Followed);
        Assert.Empty(Backfilled);
        Assert.Empty(_notices);
    }

    [Fact]
    public void Rotation_after_a_backfilled_start_is_followed_as_without_it()
    {
        Append(Line(-5) + "\n");
        Follow();
        Append(Line(1) + "\n");
        File.Move(_path, _path + ".1");
        Append(Line(2) + "\n");
        for (int i = 0; i < 4; i++) _scheduler.AdvanceBy(Poll);

        Assert.Equal([Line(-5)], Backfilled);
        Assert.Equal([Line(1), Line(2)], Followed);
    }
}
