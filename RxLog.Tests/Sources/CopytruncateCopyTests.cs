using System.IO.Compression;
using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using RxLog.Sources;
using RxLog.Tests.Support;

namespace RxLog.Tests.Sources;

/// <summary>copytruncate under a live writer (issue 17): the lines written after the last poll and then truncated away
/// are read from the copy logrotate made, plain or gzip, each once; anything else that looks like a copy is not.</summary>
public sealed class CopytruncateCopyTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    private readonly TempDir _dir = new();
    private readonly HistoricalScheduler _scheduler = new(T0);
    private readonly SourceRecorder _recorder = new();
    private readonly List<string> _notices = new();
    private readonly string _path;
    private IDisposable? _subscription;

    public CopytruncateCopyTests() => _path = _dir.File("access.log");

    public void Dispose()
    {
        _subscription?.Dispose();
        _dir.Dispose();
    }

    private void Follow(bool fromStart = false, IObservable<Unit>? changes = null) =>
        _subscription = FileFollowSource.Follow(_path, _scheduler, Poll, fromStart, _notices.Add, changes: changes)
            .Subscribe(_recorder);

    private void Append(string text, string? path = null) => File.AppendAllText(path ?? _path, text);

    private void NextPoll() => _scheduler.AdvanceBy(Poll);

    // logrotate's copytruncate: copy the file (keeping its times, as logrotate does), then truncate it in place.
    private void CopyTruncate(string copyName, bool gzip = false)
    {
        string copy = _dir.File(copyName);
        File.Copy(_path, copy);
        using (var truncate = new FileStream(_path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) truncate.SetLength(0);
        if (gzip) Compress(copy, copy + ".gz");
    }

    // logrotate's compress: the copy becomes COPY.gz and the plain copy is removed.
    private static void Compress(string plain, string gz)
    {
        using (var input = File.OpenRead(plain))
        using (var output = new GZipStream(File.Create(gz), CompressionLevel.Fastest))
            input.CopyTo(output);
        File.Delete(plain);
    }

    private string ReadFromCopy(int lines, string copyName) =>
        $"{_path} truncated; {lines} {(lines == 1 ? "line" : "lines")} written before the truncation read from "
        + $"{_dir.File(copyName)}; reading from the start";

    private string Truncated => $"{_path} truncated; reading from the start";

    [Theory]
    [InlineData("access.log.1", false)]
    [InlineData("access.log.1", true)]          // compress without delaycompress: only access.log.1.gz is left
    [InlineData("access.log-20261205", false)]  // dateext
    [InlineData("access.log-1733400000", true)] // dateext with dateformat -%s, compressed
    public void Lines_appended_after_the_last_poll_and_truncated_away_are_read_from_the_copy(string copyName, bool gzip)
    {
        Append("");
        Follow();
        Append("1\n2\n");
        NextPoll();
        Append("3\n4\n");                   // after the last poll
        CopyTruncate(copyName, gzip);
        Append("5\n");                      // the writer goes on, at offset 0
        NextPoll();
        Append("6\n");
        NextPoll();

        Assert.Equal([(1L, "1"), (2L, "2"), (3L, "3"), (4L, "4"), (1L, "5"), (2L, "6")], _recorder.Numbered);
        Assert.Equal([ReadFromCopy(2, gzip ? copyName + ".gz" : copyName)], _notices);
    }

    [Fact]
    public void A_line_half_read_before_the_truncation_is_finished_from_the_copy()
    {
        Append("");
        Follow();
        Append("1\n2, half");
        NextPoll();
        Append(" and the rest\n3\n");
        CopyTruncate("access.log.1");
        NextPoll();

        Assert.Equal([(1L, "1"), (2L, "2, half and the rest"), (3L, "3")], _recorder.Numbered);
        Assert.Equal([ReadFromCopy(2, "access.log.1")], _notices);
    }

    [Fact]
    public void Following_from_the_end_recognises_the_copy_by_the_bytes_that_were_there_when_it_began()
    {
        Append("already there 1\nalready there 2\n");
        Follow();                           // nothing of the file is read through the chunker from offset 0
        Append("new 1\n");
        CopyTruncate("access.log.1", gzip: true);
        NextPoll();

        Assert.Equal(["new 1"], _recorder.Texts);
        Assert.Equal([ReadFromCopy(1, "access.log.1.gz")], _notices);
    }

    [Fact]
    public void A_copy_whose_first_bytes_differ_is_ignored()
    {
        Append("");
        Follow();
        Append("1\n2\n");
        NextPoll();
        Append("3\n4\n");
        File.WriteAllText(_dir.File("access.log.1"), "X\n2\n3\n4\n5\n6\n");   // long enough, but another file
        using (var truncate = new FileStream(_path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) truncate.SetLength(0);
        Append("5\n");
        NextPoll();

        Assert.Equal(["1", "2", "5"], _recorder.Texts);   // 3 and 4 were never read, and are in no copy
        Assert.Equal([Truncated], _notices);
    }

    [Fact]
    public void A_copy_with_the_same_first_bytes_but_shorter_than_what_was_read_is_not_the_copy()
    {
        Append("");
        Follow();
        Append("1\n");
        File.Copy(_path, _dir.File("access.log.2"));        // an earlier copy: starts the same, ends before our position
        Append("2\n");
        NextPoll();
        Append("3\n");
        CopyTruncate("access.log.1");
        File.SetLastWriteTimeUtc(_dir.File("access.log.1"), new DateTime(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc));
        File.SetLastWriteTimeUtc(_dir.File("access.log.2"), new DateTime(2026, 1, 1, 9, 30, 0, DateTimeKind.Utc)); // newer
        NextPoll();

        Assert.Equal(["1", "2", "3"], _recorder.Texts);
        Assert.Equal([ReadFromCopy(1, "access.log.1")], _notices);
    }

    [Fact]
    public void A_copy_that_differs_just_before_the_position_is_not_the_copy()
    {
        Append("");
        Follow();
        Append("same start\nread 1\n");
        NextPoll();
        Append("unread\n");
        File.WriteAllText(_dir.File("access.log.1"), "same start\nREAD 1\nunread\n");   // same head, other bytes after it
        using (var truncate = new FileStream(_path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) truncate.SetLength(0);
        NextPoll();

        Assert.Equal(["same start", "read 1"], _recorder.Texts);
        Assert.Equal([Truncated], _notices);
    }

    [Fact]
    public void No_copy_behaves_as_before_starting_at_zero_with_a_notice()
    {
        Append("");
        Follow();
        Append("1\n");
        NextPoll();
        Append("2\n");
        using (var truncate = new FileStream(_path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) truncate.SetLength(0);
        Append("3\n");
        NextPoll();

        Assert.Equal([(1L, "1"), (1L, "3")], _recorder.Numbered);
        Assert.Equal([Truncated], _notices);
    }

    [Fact]
    public void Truncated_and_written_past_the_position_between_polls_still_reads_the_rest_from_the_copy()
    {
        Append("");
        Follow();
        Append("a\n");
        NextPoll();
        Append("b\n");
        CopyTruncate("access.log.1");
        Append("a much longer line written after the truncation\n");   // longer than what was read: the mark tells
        NextPoll();

        Assert.Equal(["a", "b", "a much longer line written after the truncation"], _recorder.Texts);
        Assert.Equal([ReadFromCopy(1, "access.log.1")], _notices);
    }

    [Fact]
    public void Four_rotations_with_delaycompress_count_every_line_once_in_order()
    {
        Append("");
        Follow();
        int n = 0;
        var written = new List<string>();
        void Lines(int count)
        {
            for (int i = 0; i < count; i++)
            {
                string line = $"10.0.0.1 - - [01/Jan/2026:10:00:00 +0000] \"GET /n/{++n} HTTP/1.1\" 200 {n}";
                written.Add(line);
                Append(line + "\n");
            }
        }
        for (int rotation = 1; rotation <= 4; rotation++)
        {
            Lines(3);
            NextPoll();
            Lines(2);                                         // unread when the rotation comes
            for (int k = rotation - 1; k >= 2; k--)           // access.log.k.gz -> access.log.(k+1).gz
                File.Move(_dir.File($"access.log.{k}.gz"), _dir.File($"access.log.{k + 1}.gz"));
            if (rotation > 1) Compress(_dir.File("access.log.1"), _dir.File("access.log.2.gz"));   // delaycompress
            CopyTruncate("access.log.1");
            Lines(1);
            NextPoll();
        }

        Assert.Equal(written, _recorder.Texts);
        Assert.Equal(4, _notices.Count(n => n.EndsWith("read from " + _dir.File("access.log.1") + "; reading from the start")));
    }

    [Fact]
    public void A_reported_change_is_read_at_once_with_one_poll_for_many_reports()
    {
        var changes = new Subject<Unit>();
        Append("");
        Follow(changes: changes);
        NextPoll();
        Append("1\n");
        changes.OnNext(Unit.Default);
        changes.OnNext(Unit.Default);
        Append("2\n");
        changes.OnNext(Unit.Default);
        _scheduler.AdvanceBy(TimeSpan.FromTicks(1));           // the regular poll is a second away

        Assert.Equal(["1", "2"], _recorder.Texts);
        Assert.Equal(1, _recorder.Chunks);                     // one poll for the three reports
    }

    [Fact]
    public void Reported_changes_in_quick_succession_are_read_one_spacing_apart()
    {
        var changes = new Subject<Unit>();
        Append("");
        Follow(changes: changes);
        NextPoll();
        Append("1\n");
        changes.OnNext(Unit.Default);
        _scheduler.AdvanceBy(TimeSpan.FromTicks(1));
        Append("2\n");
        changes.OnNext(Unit.Default);
        _scheduler.AdvanceBy(TimeSpan.FromTicks(1));
        Assert.Equal(["1"], _recorder.Texts);                  // too soon after the last

        _scheduler.AdvanceBy(FileFollowSource.ChangePollSpacing);
        Assert.Equal(["1", "2"], _recorder.Texts);
    }

    [Fact]
    public void Reported_changes_do_not_hurry_the_switch_from_a_renamed_file_its_writer_still_appends_to()
    {
        // The rotation harness lost 29 lines in 1 run of 30 under load: the renamed file's writer was slower than the
        // polls its own writes brought forward, two of them found nothing new, and rxlog left the old file for good.
        var changes = new Subject<Unit>();
        Append("");
        Follow(changes: changes);
        NextPoll();
        string rotated = _dir.File("access.log.1");
        File.Move(_path, rotated);
        Append("new 1\n");                                     // logrotate's create
        changes.OnNext(Unit.Default);
        _scheduler.AdvanceBy(TimeSpan.FromTicks(1));           // the new file is seen; the old one is read until quiet
        for (int i = 0; i < 2 * FileFollower.QuietPollsBeforeSwitch; i++)
        {
            changes.OnNext(Unit.Default);                      // a change to either file: a poll 5 ms later
            _scheduler.AdvanceBy(FileFollowSource.ChangePollSpacing);
        }
        Append("old, written late\n", rotated);               // its writer, slowed down, has not reopened yet
        for (int i = 0; i < 1 + FileFollower.QuietPollsBeforeSwitch; i++) NextPoll();

        Assert.Equal(["old, written late", "new 1"], _recorder.Texts);
        Assert.Equal([$"{_path} was replaced; following the new file"], _notices);
    }

    [Fact]
    public void A_reported_truncation_reads_the_rest_from_the_copy_before_the_next_regular_poll()
    {
        var changes = new Subject<Unit>();
        Append("");
        Follow(changes: changes);
        Append("1\n");
        NextPoll();
        Append("2\n");
        CopyTruncate("access.log.1");
        changes.OnNext(Unit.Default);
        _scheduler.AdvanceBy(TimeSpan.FromTicks(1));

        Assert.Equal(["1", "2"], _recorder.Texts);
        Assert.Equal([ReadFromCopy(1, "access.log.1")], _notices);
    }

    [Fact]
    public void Reported_changes_after_disposal_do_not_poll()
    {
        var changes = new Subject<Unit>();
        Append("");
        Follow(changes: changes);
        _subscription!.Dispose();
        Append("1\n");
        changes.OnNext(Unit.Default);
        _scheduler.AdvanceBy(Poll);

        Assert.Empty(_recorder.Texts);
        Assert.False(changes.HasObservers);
    }
}
