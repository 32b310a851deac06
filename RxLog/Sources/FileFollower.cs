namespace RxLog.Sources;

/// <summary>The state behind one <see cref="FileFollowSource"/> subscription: the open file, its identity and the chunker.
/// <see cref="Poll"/> is one step of <c>tail -F</c>.</summary>
internal sealed class FileFollower(string path, IObserver<LineChunk> observer, Action<string> notice) : IDisposable
{
    private readonly object _gate = new();   // polls and disposal may come from different threads
    private readonly StreamLineChunker _chunker = new(path);
    private FileStream? _file;               // guarded by _gate; the file being read, perhaps no longer named path
    private FileIdentity _identity;          // guarded by _gate; _file's
    private string? _problem;                // guarded by _gate; the lasting problem last noticed, so it is said once
    private bool _disposed;                  // guarded by _gate

    /// <summary>Opens the file at subscription, so that "the end" is where it was when following began.</summary>
    public void Start(bool fromStart)
    {
        lock (_gate)
        {
            if (!TryOpen()) return;
            if (fromStart) return;
            try
            {
                StartAtEnd(_file!);
            }
            catch (IOException e)
            {
                Problem(CannotRead(e));
                _file!.Position = _file.Length;   // if this fails too, the subscription fails: nothing sensible is left
                _chunker.StartMidLine();
            }
        }
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
            }
            if (Drain()) CheckPath();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _file?.Dispose();
            _file = null;
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
            SwitchToNewFile();
        }
        else if (_file!.Length < _file.Position)
        {
            notice($"{path} truncated; reading from the start");
            _chunker.Finish(observer);   // what was read of an unfinished line: pass it on rather than lose it
            if (_disposed) return;
            _file.Position = 0;
            _chunker.Restart();
            Drain();
        }
    }

    private void SwitchToNewFile()
    {
        Drain();                           // what the writer added to the old file before it moved on (an error: noticed)
        if (_disposed) return;
        var old = _file!;
        var oldIdentity = _identity;
        if (!TryOpen())
        {
            _file = old;                   // gone again between stat and open: look again at the next poll
            _identity = oldIdentity;
            return;
        }
        _chunker.Finish(observer);
        old.Dispose();
        if (_disposed) return;
        notice($"{path} was replaced; following the new file");
        _chunker.Restart();
        Drain();
    }

    // Reads up to the end the file had when this began (a writer faster than us cannot keep us from checking the path).
    // Returns false after an I/O error (noticed) or disposal.
    private bool Drain()
    {
        var file = _file!;
        try
        {
            long end = file.Length;
            while (file.Position < end)
            {
                int read;
                read = _chunker.Fill(file);
                if (read == 0) break;
                _problem = null;
                _chunker.Emit(observer);   // an observer may dispose us from here
                if (_disposed) return false;
            }
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
