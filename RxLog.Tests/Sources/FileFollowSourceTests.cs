using System.Reactive.Concurrency;
using System.Text;
using RxLog.Sources;
using RxLog.Tests.Support;

namespace RxLog.Tests.Sources;

public sealed class FileFollowSourceTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    private readonly TempDir _dir = new();
    private readonly HistoricalScheduler _scheduler = new(T0);
    private readonly SourceRecorder _recorder = new();
    private readonly List<string> _notices = new();
    private readonly string _path;
    private IDisposable? _subscription;

    public FileFollowSourceTests() => _path = _dir.File("access.log");

    public void Dispose()
    {
        _subscription?.Dispose();
        _dir.Dispose();
    }

    private void Follow(bool fromStart = false) =>
        _subscription = FileFollowSource.Follow(_path, _scheduler, Poll, fromStart, _notices.Add).Subscribe(_recorder);

    private void Append(string text, string? path = null) => File.AppendAllText(path ?? _path, text);

    private void NextPoll() => _scheduler.AdvanceBy(Poll);

    [Fact]
    public void Starts_at_the_end_and_passes_on_appended_lines_at_the_next_poll()
    {
        Append("old 1\nold 2\n");
        Follow();
        Append("new 1\nnew 2\n");
        Assert.Empty(_recorder.Texts);          // nothing happens between polls

        NextPoll();
        Assert.Equal([(1L, "new 1"), (2L, "new 2")], _recorder.Numbered);

        Append("new 3\n");
        NextPoll();
        Assert.Equal(["new 1", "new 2", "new 3"], _recorder.Texts);
        Assert.Empty(_notices);
        Assert.False(_recorder.Completed);
    }

    [Fact]
    public void From_start_reads_existing_content_first()
    {
        Append("\uFEFFold 1\nold 2\n");
        Follow(fromStart: true);

        NextPoll();
        Append("new\n");
        NextPoll();

        Assert.Equal(["old 1", "old 2", "new"], _recorder.Texts);
    }

    [Fact]
    public void A_line_written_in_two_pieces_is_passed_on_once_whole()
    {
        Append("");
        Follow();
        Append("first half, ");
        NextPoll();
        Assert.Empty(_recorder.Texts);

        Append("second half\n");
        NextPoll();
        Assert.Equal(["first half, second half"], _recorder.Texts);
    }

    [Fact]
    public void A_line_being_written_when_following_starts_is_read_whole()
    {
        Append("done\nbeing wri");
        Follow();
        Append("tten\n");
        NextPoll();

        Assert.Equal(["being written"], _recorder.Texts);
    }

    [Fact]
    public void Truncation_restarts_at_offset_zero()
    {
        Append("old 1\nold 2\n");
        Follow();
        Append("before\n");
        NextPoll();

        File.WriteAllText(_path, "\uFEFFafter\n");   // copytruncate: same file, shorter than what was read
        NextPoll();
        NextPoll();

        Assert.Equal([(1L, "before"), (1L, "after")], _recorder.Numbered);
        Assert.Equal([$"{_path} truncated; reading from the start"], _notices);
    }

    [Fact]
    public void Rename_rotation_reads_the_old_files_tail_then_the_new_file_each_line_once()
    {
        Append("x\n");
        Follow();
        Append("old 1\n");
        NextPoll();

        string rotated = _dir.File("access.log.1");
        Append("old 2\n");
        File.Move(_path, rotated);
        Append("new 1\n");                      // creates the new file
        Append("old 3, written late\n", rotated);
        Append("new 2\n");
        NextPoll();
        Append("new 3\n");
        NextPoll();

        Assert.Equal(["old 1", "old 2", "old 3, written late", "new 1", "new 2", "new 3"], _recorder.Texts);
        Assert.Equal([$"{_path} was replaced; following the new file"], _notices);
    }

    [Fact]
    public void Rotation_passes_on_the_old_files_unfinished_last_line()
    {
        Append("");
        Follow();
        Append("complete\ncut off");
        File.Move(_path, _dir.File("access.log.1"));
        Append("new\n");
        NextPoll();

        Assert.Equal(["complete", "cut off", "new"], _recorder.Texts);
    }

    [Fact]
    public void Delete_and_recreate_switches_to_the_new_file()
    {
        Append("x\n");
        Follow();
        Append("old\n");
        NextPoll();

        File.Delete(_path);
        NextPoll();                             // nothing under the name yet: keep waiting
        Append("\uFEFFnew 1\n");
        NextPoll();
        Append("new 2\n");
        NextPoll();

        Assert.Equal([(1L, "old"), (1L, "new 1"), (2L, "new 2")], _recorder.Numbered);
        Assert.Equal([$"{_path} was replaced; following the new file"], _notices);
    }

    [Fact]
    public void A_missing_file_is_waited_for_with_one_notice_and_read_from_its_start()
    {
        Follow();
        NextPoll();
        NextPoll();
        NextPoll();
        Append("first\n");
        NextPoll();
        Append("second\n");
        NextPoll();

        Assert.Equal(["first", "second"], _recorder.Texts);
        Assert.Equal([$"waiting for {_path} to appear"], _notices);
    }

    [Fact]
    public void Polls_follow_the_injected_scheduler()
    {
        Append("");
        Follow();
        Append("a\n");
        _scheduler.AdvanceBy(TimeSpan.FromTicks(1));   // the first poll is due at subscription
        Append("b\n");
        _scheduler.AdvanceBy(Poll - TimeSpan.FromTicks(2));
        Assert.Equal(["a"], _recorder.Texts);

        _scheduler.AdvanceBy(TimeSpan.FromTicks(1));
        Assert.Equal(["a", "b"], _recorder.Texts);
    }

    [Fact]
    public void An_overlong_line_is_cut_and_following_goes_on()
    {
        Append("");
        Follow();
        Append(new string('x', 300_000));
        NextPoll();
        Append(new string('x', 300_000) + "\nok\n");
        NextPoll();

        Assert.Equal([(1L, LineLimits.MaxLineBytes + 1), (2L, 2)], _recorder.Lines.Select(l => (l.Number, l.Bytes.Length)));
    }

    [Fact]
    public void Disposal_stops_polling_and_closes_the_file()
    {
        Append("");
        Follow();
        Assert.True(IsOpen(_path));
        _subscription!.Dispose();
        Append("after\n");
        NextPoll();

        Assert.Empty(_recorder.Texts);
        Assert.False(IsOpen(_path));
    }

    [Fact]
    public void A_directory_where_the_log_should_be_is_noticed_once_as_such_and_retried()
    {
        Directory.CreateDirectory(_path);      // cannot be opened as a file
        Follow();
        NextPoll();
        NextPoll();
        Directory.Delete(_path);
        Append("readable now\n");
        NextPoll();

        Assert.Equal(["readable now"], _recorder.Texts);
        Assert.Single(_notices);
        Assert.Equal($"{_path} is a directory; waiting for a file of that name", _notices[0]);
    }

    // Linux: is any descriptor of this process open on the path?
    private static bool IsOpen(string path) =>
        !OperatingSystem.IsLinux() ||
        Directory.GetFiles("/proc/self/fd").Any(fd => new FileInfo(fd).LinkTarget == path);

    [Fact]
    public void An_observer_that_disposes_from_OnNext_stops_the_source()
    {
        Append("");
        IDisposable? subscription = null;
        var seen = new List<string>();
        subscription = FileFollowSource.Follow(_path, _scheduler, Poll, false, _notices.Add)
            .Subscribe(c => { seen.Add(Encoding.UTF8.GetString(c.Lines)); subscription?.Dispose(); });
        Append("a\n");
        NextPoll();
        Append("b\n");
        NextPoll();

        Assert.Equal(["a\n"], seen);
    }
}
