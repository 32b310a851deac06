using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace RxLog.Sources;

/// <summary>Live source for <c>rxlog watch FILE</c>: follows a file by name like <c>tail -F</c>, polling on the injected
/// scheduler, and survives truncation, rotation by rename and deletion followed by re-creation.</summary>
/// <remarks>
/// <para>At subscription the file is opened and positioned at its end (after its last complete line, so that a line being
/// written is read whole), or at its start with <c>fromStart</c>. A first poll is due at once, then one every
/// <c>pollInterval</c>; each reads what was appended since the last, keeping a partial last line until its <c>\n</c>
/// arrives. Then the path is checked:</para>
/// <list type="bullet">
/// <item>it names a different file (<see cref="FileIdentity"/>: renamed away and re-created, deleted and re-created): the
/// new file is opened, but the old one is still read at every poll, since its writer may append to it until it reopens
/// the log; once the old file has grown at no poll for two polls in a row, its partial last line is passed on and the new
/// file is followed from its start (so its lines come two or three polls late, and none is lost);</item>
/// <item>the same file, now shorter than what was read, or rewritten past it (copytruncate): what was written after the
/// last poll is read first from the copy made before the truncation, when there is one (<see cref="RotatedCopy"/>: in the
/// same directory, named like the file, plain or gzip, starting with the bytes read from the file's offset 0, at least as
/// long as what was read), from where reading had got to, to the copy's end; then reading restarts at offset 0;</item>
/// <item>no file: the open one (renamed away or deleted) is kept until a file appears under the name.</item>
/// </list>
/// <para>Zero bytes at the start of a line that are followed by text (the hole a writer without <c>O_APPEND</c> leaves
/// when its file is truncated under it) are skipped with a notice, so that the text is read as the line it is; zero bytes
/// ended by <c>\n</c> are a line, and invalid. A line longer than 64 KiB is cut as by every source, never buffered whole.
/// Lines written between copytruncate's copy and its truncation are in neither file, and lost, as they are for every
/// reader.</para>
/// <para>With <c>backfill</c> (and not <c>fromStart</c>), a file that exists at subscription is also read backwards from
/// where following begins, and the records dated within the alert window before the scheduler's now
/// (<see cref="RecentRecords"/> has the rules) are passed on at once, on the subscribing thread, in chunks marked
/// <see cref="LineChunk.Backfill"/>, followed by the notice <c>"PATH: N hits of the last 2m0s loaded into the alert
/// window"</c>. A file that appears later is read from its start instead, and has nothing to backfill.</para>
/// <para>A missing file is waited for and then read from its start. Notices (<c>"waiting for PATH to appear"</c>,
/// <c>"PATH truncated; reading from the start"</c>, <c>"PATH truncated; N lines written before the truncation read from
/// COPY; reading from the start"</c>, <c>"PATH was replaced; following the new file"</c>,
/// <c>"PATH: skipped N zero bytes (a hole left by truncation)"</c>, <c>"cannot read
/// PATH: reason"</c>) go to <c>notice</c>, a lasting problem once. I/O errors never end the sequence: the next poll
/// retries. With <c>changes</c>, a reported change brings the next poll forward (<see cref="ChangePollSpacing"/>).
/// It never completes. Line numbers restart at 1 with each new file or truncation, and count from where
/// following began when that is not the start of the file. Chunks are delivered on the scheduler.</para>
/// </remarks>
public static class FileFollowSource
{
    /// <summary>The least time between the starts of two polls that reported changes (<c>changes</c>) bring forward: a
    /// change is read at once when the file has been quiet, while a busy writer's every write (one inotify event each)
    /// costs at most one poll per spacing.</summary>
    public static readonly TimeSpan ChangePollSpacing = TimeSpan.FromMilliseconds(5);

    /// <param name="changes">Reports of changes to the file or its rotated copies (<see cref="FileChanges.Of"/>): each asks
    /// for a poll at once, or <see cref="ChangePollSpacing"/> after the last one so asked for, besides the regular ones
    /// (reports while one is pending share it); null to poll only.</param>
    public static IObservable<LineChunk> Follow(string path, IScheduler scheduler, TimeSpan pollInterval, bool fromStart,
                                                Action<string> notice, WindowBackfill? backfill = null,
                                                IObservable<Unit>? changes = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollInterval, TimeSpan.Zero);
        return Observable.Create<LineChunk>(observer =>
        {
            var follower = new FileFollower(path, observer, notice, scheduler,
                FileFollower.QuietPollsBeforeSwitch * pollInterval);
            follower.Start(fromStart, backfill, scheduler.Now.ToUnixTimeSeconds());
            var polling = scheduler.Schedule(TimeSpan.Zero, again =>
            {
                follower.Poll();
                again(pollInterval);
            });
            int pending = 0;                       // 1 while an extra poll is scheduled and has not begun
            long lastExtra = 0;                    // when the last extra poll began (UTC ticks); written by that poll only
            var extra = new SerialDisposable();    // that poll (at most one is ever scheduled)
            var changed = changes?.Subscribe(_ =>
            {
                if (Interlocked.Exchange(ref pending, 1) == 1) return;
                long due = Volatile.Read(ref lastExtra) + ChangePollSpacing.Ticks - scheduler.Now.UtcTicks;
                extra.Disposable = scheduler.Schedule(TimeSpan.FromTicks(Math.Max(0, due)), () =>
                {
                    Volatile.Write(ref lastExtra, scheduler.Now.UtcTicks);
                    Volatile.Write(ref pending, 0);   // before reading: a change during the poll asks for another
                    follower.Poll();
                });
            }) ?? Disposable.Empty;
            // Stop polling first, then close the file.
            return new CompositeDisposable(polling, changed, extra, follower);
        });
    }
}
