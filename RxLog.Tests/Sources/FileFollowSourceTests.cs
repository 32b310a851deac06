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

    private void NextPolls(int count)
    {
        for (int i = 0; i < count; i++) NextPoll();
    }

    private const string Replaced = "was replaced; following the new file";

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
        NextPolls(FileFollower.QuietPollsBeforeSwitch);

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
        NextPolls(1 + FileFollower.QuietPollsBeforeSwitch);

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
        NextPolls(1 + FileFollower.QuietPollsBeforeSwitch);
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

    // ---- Every way logrotate (or a person) rotates a log: each line exactly once, in order. ----

    [Fact]
    public void Late_creation_reads_the_new_file_from_its_start_in_pieces()
    {
        Follow();
        NextPoll();
        Append("line 1\nline 2\nline 3 in pie");
        NextPoll();
        Append("ces\n");
        NextPoll();

        Assert.Equal([(1L, "line 1"), (2L, "line 2"), (3L, "line 3 in pieces")], _recorder.Numbered);
    }

    [Fact]
    public void Rename_rotation_keeps_reading_the_old_file_while_its_writer_still_appends()
    {
        Append("");
        Follow();
        using var oldWriter = AppendWriter(_path);    // the application's descriptor: it follows the file, not the name
        Write(oldWriter, "old 1\n");
        NextPoll();

        File.Move(_path, _dir.File("access.log.1"));
        Append("new 1\n");                            // logrotate's create: the new file appears at once
        Write(oldWriter, "old 2\n");
        NextPoll();
        Write(oldWriter, "old 3\n");                  // the application has not reopened its log yet
        NextPoll();
        Write(oldWriter, "old 4, half");
        NextPoll();
        Write(oldWriter, " and the rest\n");
        NextPoll();
        Assert.Equal(["old 1", "old 2", "old 3", "old 4, half and the rest"], _recorder.Texts);   // new file not read yet
        Assert.Empty(_notices);

        Append("new 2\n");                            // reopened: from now on it writes to the new file
        NextPolls(FileFollower.QuietPollsBeforeSwitch);
        Append("new 3\n");
        NextPoll();

        Assert.Equal(["old 1", "old 2", "old 3", "old 4, half and the rest", "new 1", "new 2", "new 3"],
                     _recorder.Texts);
        Assert.Equal([$"{_path} {Replaced}"], _notices);
    }

    [Fact]
    public void Rename_with_no_new_file_yet_keeps_reading_the_renamed_file()
    {
        Append("");
        Follow();
        using var oldWriter = AppendWriter(_path);
        File.Move(_path, _dir.File("access.log.1"));
        Write(oldWriter, "old 1\n");
        NextPolls(3);
        Write(oldWriter, "old 2\n");
        NextPoll();
        Append("new 1\n");
        NextPolls(1 + FileFollower.QuietPollsBeforeSwitch);

        Assert.Equal(["old 1", "old 2", "new 1"], _recorder.Texts);
    }

    [Fact]
    public void Two_rotations_before_the_old_file_goes_quiet_lose_neither_new_file()
    {
        Append("");
        Follow();
        using var oldWriter = AppendWriter(_path);
        File.Move(_path, _dir.File("access.log.1"));
        Append("second file\n");
        Write(oldWriter, "old 1\n");
        NextPoll();                                    // the second file is opened here
        File.Move(_path, _dir.File("access.log.2"));
        Append("third file\n");
        Write(oldWriter, "old 2\n");
        NextPoll();
        NextPolls(2 * (1 + FileFollower.QuietPollsBeforeSwitch));

        Assert.Equal(["old 1", "old 2", "second file", "third file"], _recorder.Texts);
        Assert.Equal([$"{_path} {Replaced}", $"{_path} {Replaced}"], _notices);
    }

    [Fact]
    public void Copytruncate_restarts_at_zero_and_reads_every_line_once()
    {
        Append("");
        Follow();
        Append("1\n2\n");                             // each write at the end, as with O_APPEND
        NextPoll();
        Append("3\n");
        File.Copy(_path, _dir.File("access.log.1"));  // copytruncate: copy, then truncate in place
        NextPoll();                                    // "3" is read before the truncation
        using (var truncate = new FileStream(_path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) truncate.SetLength(0);
        NextPoll();
        Append("4\n5\n");
        NextPoll();

        Assert.Equal([(1L, "1"), (2L, "2"), (3L, "3"), (1L, "4"), (2L, "5")], _recorder.Numbered);
        Assert.Equal([$"{_path} truncated; reading from the start"], _notices);
    }

    [Fact]
    public void Copytruncate_followed_by_more_writing_than_was_read_before_the_next_poll_still_restarts_at_zero()
    {
        Append("");
        Follow();
        Append("short 1\nshort 2\n");
        NextPoll();
        using (var truncate = new FileStream(_path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) truncate.SetLength(0);
        Append("a longer line 1, written at once\n");   // the file is longer than before: its length cannot tell
        NextPoll();
        Append("line 2\n");
        NextPoll();

        Assert.Equal([(1L, "short 1"), (2L, "short 2"), (1L, "a longer line 1, written at once"), (2L, "line 2")],
                     _recorder.Numbered);
        Assert.Equal([$"{_path} truncated; reading from the start"], _notices);
    }

    [Fact]
    public void A_file_rewritten_between_polls_is_noticed_when_following_began_at_its_end()
    {
        Append("before following\n");
        Follow();
        File.WriteAllText(_path, "entirely new content, longer than before\n");
        NextPoll();

        Assert.Equal(["entirely new content, longer than before"], _recorder.Texts);
    }

    [Fact]
    public void Appending_never_looks_like_a_rewrite()
    {
        Append("");
        Follow();
        for (int i = 0; i < 50; i++)
        {
            Append(new string((char)('a' + i % 26), 1 + i * 7 % 90) + "\n");
            NextPoll();
        }

        Assert.Equal(50, _recorder.Texts.Count);
        Assert.Empty(_notices);
    }

    [Fact]
    public void Copytruncate_under_a_writer_without_O_APPEND_skips_the_zero_filled_hole()
    {
        Append("");
        Follow();
        using var writer = AppendWriter(_path);        // .NET's FileMode.Append seeks to the end once: no O_APPEND
        Write(writer, "1\n2\n");
        NextPoll();
        using (var truncate = new FileStream(_path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) truncate.SetLength(0);
        NextPoll();                                    // truncation seen: back to offset 0
        Write(writer, "3\n");                         // at offset 4: the file is now "\0\0\0\03\n"
        NextPoll();
        Write(writer, "4\n");
        NextPoll();

        Assert.Equal(["1", "2", "3", "4"], _recorder.Texts);
        Assert.Equal([$"{_path} truncated; reading from the start",
                      $"{_path}: skipped 4 zero bytes (a hole left by truncation)"], _notices);
    }

    [Fact]
    public void A_hole_that_reaches_the_end_of_the_file_waits_for_the_line_after_it()
    {
        Append("");
        Follow();
        using var writer = new FileStream(_path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        Write(writer, "1\n");
        NextPoll();
        using (var truncate = new FileStream(_path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) truncate.SetLength(0);
        NextPoll();
        using (var extend = new FileStream(_path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) extend.SetLength(100_000);
        NextPoll();                                    // only zeros so far: not a line, not yet skipped
        writer.Position = 100_000;
        Write(writer, "2\n");
        NextPoll();

        Assert.Equal(["1", "2"], _recorder.Texts);
        Assert.Null(_recorder.Error);
    }

    [Fact]
    public void Zero_bytes_ended_by_a_newline_are_a_line_and_passed_on()
    {
        Append("");
        Follow();
        Append("\0\0\0\nok\n");
        NextPoll();

        Assert.Equal(["\0\0\0", "ok"], _recorder.Texts);   // a NUL-only line is the parser's to count as invalid
        Assert.Empty(_notices);
    }

    [Fact]
    public void Delete_and_recreate_while_the_writer_still_writes_to_the_deleted_file_loses_nothing()
    {
        Append("");
        Follow();
        using var oldWriter = AppendWriter(_path);
        Write(oldWriter, "old 1\n");
        NextPoll();
        File.Delete(_path);
        Write(oldWriter, "old 2, to the deleted file\n");
        NextPoll();
        Append("new 1\n");
        Write(oldWriter, "old 3\n");
        NextPoll();
        NextPolls(FileFollower.QuietPollsBeforeSwitch);

        Assert.Equal(["old 1", "old 2, to the deleted file", "old 3", "new 1"], _recorder.Texts);
        oldWriter.Dispose();
        Assert.False(IsOpen(_path + " (deleted)"));   // the deleted file is closed once drained
    }

    [Fact]
    public void A_line_split_across_polls_and_a_rename_is_one_line()
    {
        Append("");
        Follow();
        using var oldWriter = AppendWriter(_path);
        Write(oldWriter, "GET /split");
        NextPoll();
        File.Move(_path, _dir.File("access.log.1"));
        Append("new\n");
        NextPoll();
        Write(oldWriter, "/line\n");
        NextPolls(1 + FileFollower.QuietPollsBeforeSwitch);

        Assert.Equal(["GET /split/line", "new"], _recorder.Texts);
    }

    [Fact]
    public void An_overlong_line_in_a_rotated_file_is_cut_once_and_not_buffered()
    {
        Append("");
        Follow();
        using var oldWriter = AppendWriter(_path);
        Write(oldWriter, new string('x', 200_000));
        NextPoll();
        File.Move(_path, _dir.File("access.log.1"));
        Append("new\n");
        Write(oldWriter, new string('x', 200_000) + "\nlast old\n");
        NextPolls(1 + FileFollower.QuietPollsBeforeSwitch);

        Assert.Equal([(1L, LineLimits.MaxLineBytes + 1), (2L, 8), (1L, 3)],
                     _recorder.Lines.Select(l => (l.Number, l.Bytes.Length)));
    }

    private static FileStream AppendWriter(string path) =>
        new(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);

    private static void Write(FileStream writer, string text)
    {
        writer.Write(Encoding.UTF8.GetBytes(text));
        writer.Flush();
    }
}
