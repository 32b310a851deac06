using System.Reactive.Concurrency;
using RxLog.Parsing;

namespace RxLog.Sources;

/// <summary>The state behind one <see cref="FileFollowSource"/> subscription: the open file, its identity and the chunker.
/// <see cref="Poll"/> is one step of <c>tail -F</c>.</summary>
/// <remarks>When the path comes to name another file (rotated by rename, deleted and re-created), the new file is opened at
/// once but read only after the old one has been quiet (nothing appended) for <see cref="QuietPollsBeforeSwitch"/> polls
/// and <paramref name="quietBeforeSwitch"/> on <paramref name="clock"/>: a writer that has not reopened its log yet still
/// appends to the old file, and those lines must not be lost. Time as well as polls, because a reported change brings a
/// poll forward (<see cref="FileFollowSource.ChangePollSpacing"/>): two such polls 5 ms apart between two lines of a slow
/// writer found nothing, and the rest of its lines to the old file were lost (about 1 run in 40 of the rotation harness,
/// under load).</remarks>
internal sealed class FileFollower(string path, IObserver<LineChunk> observer, Action<string> notice, IScheduler clock,
    TimeSpan quietBeforeSwitch) : IDisposable
{
    /// <summary>Polls without growth of the old file, after the path has come to name a new one, before switching.</summary>
    public const int QuietPollsBeforeSwitch = 2;

    // Enough to tell a rewritten file from the one that was read: a line's end, timestamp and all, rarely repeats exactly.
    private const int MarkBytes = 64;

    private readonly object _gate = new();   // polls and disposal may come from different threads
    private readonly StreamLineChunker _chunker = new(path);
    private readonly FileHead _head = new(); // guarded by _gate; _file's first bytes, to recognise its copy (RotatedCopy)
    private FileStream? _file;               // guarded by _gate; the file being read, perhaps no longer named path
    private FileIdentity _identity;          // guarded by _gate; _file's
    private FileStream? _next;               // guarded by _gate; the file now named path, opened, waiting for _file to go quiet
    private FileIdentity _nextIdentity;      // guarded by _gate; _next's
    private int _quietPolls;                 // guarded by _gate; polls in a row that found nothing new in _file while _next waits
    private DateTimeOffset _quietSince;      // guarded by _gate; when _file last grew, or _next was opened
    private readonly byte[] _mark = new byte[MarkBytes];   // guarded by _gate; the last bytes read, ending at _markEnd
    private int _markLength;                 // guarded by _gate; 0: no mark
    private long _markEnd;                   // guarded by _gate
    private long _holeStart = -1;            // guarded by _gate; zero bytes from here to _holeEnd, the file's end when seen
    private long _holeEnd;                   // guarded by _gate
    private string? _problem;                // guarded by _gate; the lasting problem last noticed, so it is said once
    private bool _disposed;                  // guarded by _gate

    /// <summary>Opens the file at subscription, so that "the end" is where it was when following began; with
    /// <paramref name="backfill"/>, passes on the records of the alert window before <paramref name="nowSecond"/> found
    /// in the file's tail, as backfill chunks.</summary>
    public void Start(bool fromStart, WindowBackfill? backfill = null, long nowSecond = 0)
    {
        lock (_gate)
        {
            if (!TryOpen()) return;
            if (fromStart) return;
            byte[]? header;
            try
            {
                StartAtEnd(_file!);
                Remember(_file!);
                _head.Load(_file!.SafeFileHandle, _file.Position);
                header = W3cHeader.Before(_file!.SafeFileHandle, _file.Position);
            }
            catch (IOException e)
            {
                Problem(CannotRead(e));
                _file!.Position = _file.Length;   // if this fails too, the subscription fails: nothing sensible is left
                _chunker.StartMidLine();
                return;
            }
            // A W3C log names its columns once, at its top: starting at the end, the parsers must be told them first, or
            // every new line would be invalid (the live ones) and the tail unreadable (the window's).
            if (header is not null) observer.OnNext(new LineChunk(path, header, header.Length, FirstLineNumber: 0));
            if (_disposed) return;
            if (backfill is not null) LoadWindow(backfill, nowSecond, header);
        }
    }

    // Starting at the end would leave the alert window empty for its first W seconds, its average wrong for all of
    // them: the lines already there that are dated within the window fill it instead (docs/following-files.md, "The
    // alert window at start"). They end where following begins, so no line is both loaded and read.
    private void LoadWindow(WindowBackfill backfill, long nowSecond, byte[]? header)
    {
        var file = _file!;
        List<byte[]> blocks;
        long records;
        try
        {
            if (!file.CanSeek) return;   // not a regular file: there is no tail to go back to
            var parser = backfill.NewParser();
            if (header is not null)
            {
                foreach (var line in new LineChunk(path, header, header.Length, 0).EachLine())
                    ParsedLines.TryParseLine(parser, line.Text, lineNumber: 0, out _);
                blocks = [header];
            }
            else blocks = [];
            (var tail, records) = RecentRecords.Read(file.SafeFileHandle, file.Position, parser, nowSecond,
                backfill.WindowSeconds);
            blocks.AddRange(tail);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Problem(CannotRead(e));
            return;
        }
        foreach (var block in blocks)
        {
            observer.OnNext(new LineChunk(path, block, block.Length, FirstLineNumber: 0, Backfill: true));
            if (_disposed) return;   // an observer may dispose us from here
        }
        notice($"{path}: {records} {(records == 1 ? "hit" : "hits")} of the last "
               + $"{Rendering.TimeFormat.Duration(backfill.WindowSeconds)} loaded into the alert window");
    }

    public void Poll()
    {
        lock (_gate)
        {
            if (_disposed) return;
            if (_file is null)
            {
                if (!TryOpen()) return;
                _chunker.Restart();   // a file that appears is read from its start
                _head.Reset();
            }
            if (_next is null && WasRewritten())
            {
                StartOver();
                if (_disposed) return;
            }
            bool read = Drain(out bool grew);
            if (_disposed) return;
            if (!read && _next is null) return;   // an old file that fails for good must not hold back the new one
            if (_next is null)
            {
                CheckPath();
            }
            else if (grew)
            {
                _quietPolls = 0;      // its writer still appends to the old file
                _quietSince = clock.Now;
            }
            else if (++_quietPolls >= QuietPollsBeforeSwitch && clock.Now - _quietSince >= quietBeforeSwitch)
            {
                SwitchToNext();
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _file?.Dispose();
            _file = null;
            _next?.Dispose();
            _next = null;
        }
    }

    private void CheckPath()
    {
        FileIdentity? now;
        try
        {
            now = FileIdentity.OfPath(path);
        }
        catch (IOException e)
        {
            Problem(CannotRead(e));
            return;
        }
        if (now is null) return;   // renamed away or deleted: keep the old file until a new one appears
        if (now != _identity)
        {
            OpenNext();
        }
        else if (_file!.Length < _file.Position)
        {
            StartOver();
            if (!_disposed) Drain(out _);
        }
    }

    // Truncated (copytruncate): first read what was written after our last poll from the copy made before the truncation,
    // if there is one; pass on what was read of an unfinished line rather than lose it; then read from offset 0.
    private void StartOver()
    {
        long before = _chunker.NextLineNumber;
        string? copy = ReadRestFromCopy(out long copied);
        if (_disposed) return;
        bool fromCopy = copied > 0;   // a copy that ends where we were adds nothing: then it is as if there were none
        if (!fromCopy) notice($"{path} truncated; reading from the start");
        _chunker.Finish(observer);
        if (_disposed) return;
        if (fromCopy)
        {
            long lines = _chunker.NextLineNumber - before;
            notice($"{path} truncated; {lines} {(lines == 1 ? "line" : "lines")} written before the truncation "
                   + $"read from {copy}; reading from the start");
        }
        _file!.Position = 0;
        _chunker.Restart();
        _head.Reset();
        _markLength = 0;
        _holeStart = -1;
    }

    // The lines the truncation took before a poll read them are in the copy (RotatedCopy has how it is recognised): reads
    // it from our position to its end, continuing the line held back. Returns the copy's path, null when there is none.
    private string? ReadRestFromCopy(out long copied)
    {
        copied = 0;
        long position = _file!.Position;
        ReadOnlySpan<byte> mark = _markLength > 0 && _markEnd == position ? _mark.AsSpan(0, _markLength) : default;
        (Stream Content, string Path)? found;
        try
        {
            found = RotatedCopy.Find(path, _identity, _head.Bytes, mark, position);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;   // the directory cannot be listed: no copy to be found
        }
        if (found is not { } f) return null;
        var (rest, copy) = f;
        using (rest)
        {
            try
            {
                while (_chunker.Fill(rest) is var n and > 0)
                {
                    copied += n;
                    _chunker.Emit(observer);   // an observer may dispose us from here
                    if (_disposed) return copy;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                notice($"cannot read {copy}: {e.Message}");
            }
        }
        return copy;
    }

    // Truncated and written again up to or past where we were, all between two polls: the length alone cannot tell, but
    // the bytes just before our position are no longer those we read (text of other lines, or zeros of a hole).
    private bool WasRewritten()
    {
        var file = _file!;
        if (_markLength == 0 || file.Position != _markEnd) return false;
        try
        {
            if (file.Length < _markEnd) return false;    // shorter: CheckPath sees it after the drain
            Span<byte> now = stackalloc byte[MarkBytes];
            int n = RandomAccess.Read(file.SafeFileHandle, now[.._markLength], _markEnd - _markLength);
            return !now[..n].SequenceEqual(_mark.AsSpan(0, _markLength));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;                                // Drain will meet the error and say so
        }
    }

    // Keeps the last bytes before the position, for WasRewritten.
    private void Remember(FileStream file)
    {
        long end = file.Position;
        int length = (int)Math.Min(MarkBytes, end);
        _markLength = 0;
        _markEnd = end;
        try
        {
            int n = length == 0 ? 0 : RandomAccess.Read(file.SafeFileHandle, _mark.AsSpan(0, length), end - length);
            if (n == length) _markLength = length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // no mark: a rewrite goes unnoticed until the file is shorter than what was read
        }
    }

    // The path names another file: open it now (so that a further rotation cannot take it from us), read it later.
    private void OpenNext()
    {
        var current = _file!;
        var currentIdentity = _identity;
        if (!TryOpen()) return;            // gone again between stat and open: look again at the next poll
        (_next, _nextIdentity) = (_file!, _identity);
        (_file, _identity) = (current, currentIdentity);
        _quietPolls = 0;
        _quietSince = clock.Now;
        if (_nextIdentity == _identity)    // the old file was moved back in the meantime: nothing to switch to
        {
            _next.Dispose();
            _next = null;
        }
    }

    // The old file has been quiet long enough: pass on its unfinished last line and follow the new file from its start.
    private void SwitchToNext()
    {
        _chunker.Finish(observer);
        if (_disposed) return;
        _file!.Dispose();
        (_file, _identity) = (_next!, _nextIdentity);
        _next = null;
        notice($"{path} was replaced; following the new file");
        _chunker.Restart();
        _head.Reset();
        _markLength = 0;
        _holeStart = -1;
        if (Drain(out _)) CheckPath();
    }

    // Reads up to the end the file had when this began (a writer faster than us cannot keep us from checking the path).
    // Returns false after an I/O error (noticed) or disposal; grew tells whether anything was read.
    private bool Drain(out bool grew)
    {
        var file = _file!;
        grew = false;
        try
        {
            long end = file.Length;
            while (file.Position < end)
            {
                if (!_chunker.HasPartialLine && !SkipHole(file)) break;
                long at = file.Position;
                int read = _chunker.Fill(file);
                if (read == 0) break;
                _head.Add(at, _chunker.LastFilled(read));
                grew = true;
                _problem = null;
                _chunker.Emit(observer);   // an observer may dispose us from here
                if (_disposed) return false;
            }
            if (grew) Remember(file);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Problem(CannotRead(e));
            return false;
        }
    }

    private bool TryOpen()
    {
        try
        {
            var file = FileReplaySource.Open(path);
            try
            {
                _identity = FileIdentity.Of(file.SafeFileHandle);
            }
            catch
            {
                file.Dispose();
                throw;
            }
            _file = file;
            _problem = null;
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            Problem($"waiting for {path} to appear");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Problem(CannotRead(e));
        }
        return false;
    }

    // Positions just after the last complete line, so that a line being written is read whole once it is finished.
    private void StartAtEnd(FileStream file)
    {
        long length = file.Length;
        var tail = new byte[(int)Math.Min(length, LineLimits.MaxLineBytes + 1)];
        file.Position = length - tail.Length;
        int got = 0;
        while (got < tail.Length && file.Read(tail, got, tail.Length - got) is var n and > 0) got += n;
        int newline = tail.AsSpan(0, got).LastIndexOf((byte)'\n');
        if (newline >= 0)
        {
            file.Position = length - tail.Length + newline + 1;
            _chunker.Restart(atStartOfInput: false);
        }
        else if (tail.Length == length)
        {
            file.Position = 0;             // the whole file is one unfinished line
            _chunker.Restart();
        }
        else
        {
            file.Position = length;        // inside a line already too long: skip the rest of it
            _chunker.StartMidLine();
        }
    }

    // At the start of a line, zero bytes followed by text are a hole, not a line: a writer without O_APPEND whose file was
    // truncated under it (copytruncate) writes on at its old offset. Skips them so that the text after them is read as the
    // line it is. Zero bytes ended by '\n' are left alone (a NUL-only line is invalid, and counted). Returns false when
    // only zero bytes are left up to the end: wait for what follows them.
    private bool SkipHole(FileStream file)
    {
        long start = file.Position;
        Span<byte> buffer = stackalloc byte[4096];
        long at = start == _holeStart ? _holeEnd : start;   // a long run of zeros is not read again at every poll
        file.Position = at;
        while (true)
        {
            int n = file.Read(buffer);
            if (n == 0)
            {
                file.Position = start;
                (_holeStart, _holeEnd) = (start, at);
                return at == start;
            }
            int i = buffer[..n].IndexOfAnyExcept((byte)0);
            if (i < 0)
            {
                at += n;
                continue;
            }
            at += i;
            _holeStart = -1;
            bool hole = at > start && buffer[i] != (byte)'\n';
            file.Position = hole ? at : start;
            if (hole) notice($"{path}: skipped {at - start} zero bytes (a hole left by truncation)");
            return true;
        }
    }

    // A directory where the log should be is the likeliest mistake: say so rather than "access denied".
    private string CannotRead(Exception e) => Directory.Exists(path)
        ? $"{path} is a directory; waiting for a file of that name"
        : $"cannot read {path}: {e.Message}";

    private void Problem(string message)
    {
        if (message == _problem) return;
        _problem = message;
        notice(message);
    }
}
