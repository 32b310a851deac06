using System.Buffers;

namespace RxLog.Sources;

/// <summary>The core every source shares: turns the bytes of one <see cref="Stream"/> into <see cref="LineChunk"/>s of whole
/// lines, with big reads and one reused buffer, so that nothing is allocated per line.</summary>
/// <remarks>
/// <para>Use it in two steps, so that a failing read can be told apart from a failing observer:
/// <see cref="Fill"/> reads once (I/O exceptions propagate), <see cref="Emit"/> passes on every whole line buffered so far.
/// At the end of the input, <see cref="Finish"/> passes on a last line that lacks its <c>\n</c>.
/// The same instance serves a file read once to its end (<c>check</c>) and a file read a little at each poll (follow).</para>
/// <para>What it guarantees: a UTF-8 BOM at offset 0 of the input is dropped (only there); every line ends with <c>\n</c>;
/// a line longer than <see cref="LineLimits.MaxLineBytes"/> is passed on as its first <c>MaxLineBytes + 1</c> bytes and
/// <c>\n</c>, and the rest of it is skipped without being buffered; line numbers count <c>\n</c>s, the truncated line
/// counting as one. <c>\r</c> is left in place: the parser strips it.</para>
/// <para>Not thread-safe: one reader at a time.</para>
/// </remarks>
public sealed class StreamLineChunker
{
    /// <summary>Default buffer: big reads keep syscalls and <c>OnNext</c> calls rare.</summary>
    public const int DefaultBufferSize = 256 * 1024;

    // The buffer must hold a partial line of MaxLineBytes + 1 bytes, its '\n', and still leave room for a big read.
    private const int MinBufferSize = 2 * (LineLimits.MaxLineBytes + 2);
    private const int Max = LineLimits.MaxLineBytes;

    private readonly bool _pooled;
    private readonly int _bufferSize;
    private byte[] _buffer;
    private int _count;          // bytes of _buffer in use, [0, _count)
    private int _scanned;        // [0, _scanned) is known to hold no '\n' (the start of a partial line)
    private bool _bomPending = true;
    private bool _discarding;    // inside an overlong line whose head was passed on: drop bytes up to the next '\n'

    /// <param name="pooledChunks">Emit each chunk in a buffer of its own, rented from <c>ArrayPool&lt;byte&gt;.Shared</c>
    /// (<see cref="LineChunk.Pooled"/>: the consumer returns it), instead of reusing one buffer.</param>
    public StreamLineChunker(string origin, int bufferSize = DefaultBufferSize, bool pooledChunks = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, MinBufferSize);
        Origin = origin;
        _pooled = pooledChunks;
        _bufferSize = bufferSize;
        _buffer = pooledChunks ? ArrayPool<byte>.Shared.Rent(bufferSize) : new byte[bufferSize];
    }

    /// <summary>The origin stamped on every chunk ("-" for stdin, else the path).</summary>
    public string Origin { get; }

    /// <summary>1-based number the next line passed on will carry.</summary>
    public long NextLineNumber { get; private set; } = 1;

    /// <summary>True while bytes of an unfinished line are held back, waiting for their <c>\n</c>.</summary>
    public bool HasPartialLine => _count > 0 && !_discarding;

    /// <summary>Reads once from <paramref name="stream"/> into free buffer space. Returns the bytes read, 0 at end of input
    /// (for a file: its current end). A pipe returns whatever is available, so call <see cref="Emit"/> after every read.</summary>
    public int Fill(Stream stream)
    {
        int n = stream.Read(_buffer, _count, _buffer.Length - _count);
        _count += n;
        return n;
    }

    /// <summary>The bytes the last <see cref="Fill"/> read (<paramref name="read"/>, its result), as read; valid until the
    /// next call to <see cref="Emit"/>.</summary>
    public ReadOnlySpan<byte> LastFilled(int read) => _buffer.AsSpan(_count - read, read);

    /// <summary>Passes on, as at most one chunk, every whole line buffered so far, and keeps the partial remainder.</summary>
    public void Emit(IObserver<LineChunk> observer)
    {
        if (_bomPending && !ResolveBom()) return;
        if (_discarding && !SkipRestOfOverlongLine()) return;

        int start = 0, lines = 0, search = _scanned;
        if (TryScanWholeLines(search, out int end, out lines))
        {
            start = search = end;
        }
        while (search < _count)
        {
            int i = _buffer.AsSpan(search, _count - search).IndexOf((byte)'\n');
            if (i < 0) break;
            int newline = search + i;
            if (newline - start > Max) newline = Truncate(start, newline);
            lines++;
            start = search = newline + 1;
        }

        int emit = start;
        int partial = _count - start;
        if (partial >= Max + 2)
        {
            // An overlong line without its '\n' yet: pass on its head now rather than buffer it (memory stays bounded).
            _buffer[start + Max + 1] = (byte)'\n';
            emit = start + Max + 2;
            lines++;
            _discarding = true;
        }

        if (emit > 0)
        {
            byte[] full = _buffer;
            if (_pooled)
            {
                // The partial line moves to a fresh buffer before this one is handed over: from then on it is the
                // consumer's. (A reused buffer instead keeps the partial line and moves it to the front after OnNext.)
                _buffer = ArrayPool<byte>.Shared.Rent(_bufferSize);
                if (!_discarding) full.AsSpan(start, partial).CopyTo(_buffer);
                _count = partial;
                start = 0;
            }

            long first = NextLineNumber;
            NextLineNumber += lines;
            observer.OnNext(new LineChunk(Origin, full, emit, first, Pooled: _pooled, LineCount: lines));
        }

        if (_discarding)
        {
            _count = 0;
        }
        else if (start > 0)
        {
            _buffer.AsSpan(start, partial).CopyTo(_buffer);
            _count = partial;
        }
        _scanned = _count;
    }

    /// <summary>The fast path of <see cref="Emit"/>: when no buffered line is over the cap, finds the end of the last
    /// whole line and counts the lines with a few vectorised searches per chunk instead of one per line.</summary>
    /// <returns>False when a line may be too long: then the per-line loop, which truncates it, does the work.</returns>
    private bool TryScanWholeLines(int search, out int end, out int lines)
    {
        end = 0;
        lines = 0;
        int last = _buffer.AsSpan(search, _count - search).LastIndexOf((byte)'\n');
        if (last < 0) return false;
        last += search;
        if (!LineLimits.NoneTooLong(_buffer.AsSpan(0, last + 1))) return false;
        end = last + 1;
        lines = _buffer.AsSpan(0, end).Count((byte)'\n');
        return true;
    }

    /// <summary>End of input: passes on what is buffered, a last line without <c>\n</c> getting one.</summary>
    public void Finish(IObserver<LineChunk> observer)
    {
        _bomPending = false;   // one or two bytes of a BOM's prefix, then EOF: they are data
        Emit(observer);
        if (_discarding)
        {
            _discarding = false;
        }
        else if (_count > 0)
        {
            _buffer[_count] = (byte)'\n';   // room: after Emit, _count <= Max + 1
            long first = NextLineNumber++;
            byte[] last = _buffer;
            if (_pooled) _buffer = ArrayPool<byte>.Shared.Rent(_bufferSize);
            observer.OnNext(new LineChunk(Origin, last, _count + 1, first, Pooled: _pooled, LineCount: 1));
        }
        _count = _scanned = 0;
    }

    /// <summary>Reads <paramref name="stream"/> to its end, then <see cref="Finish"/>es. Stops early, without
    /// finishing, when <paramref name="cancel"/> is cancelled. I/O exceptions propagate.</summary>
    public void ReadToEnd(Stream stream, IObserver<LineChunk> observer, CancellationToken cancel = default)
    {
        while (!cancel.IsCancellationRequested)
        {
            if (Fill(stream) == 0)
            {
                Finish(observer);
                return;
            }
            Emit(observer);
        }
    }

    /// <summary>Starts over on new content (a truncated or replaced file): line 1, nothing held, and a BOM dropped again
    /// if reading resumes at offset 0 (<paramref name="atStartOfInput"/>). Call <see cref="Finish"/> first to pass on a
    /// held partial line.</summary>
    public void Restart(bool atStartOfInput = true)
    {
        _count = _scanned = 0;
        _discarding = false;
        _bomPending = atStartOfInput;
        NextLineNumber = 1;
    }

    /// <summary>Reading starts in the middle of a line (following a file from its end): drop bytes up to and including
    /// the next <c>\n</c>. No BOM is looked for.</summary>
    public void StartMidLine()
    {
        Restart(atStartOfInput: false);
        _discarding = true;
    }

    // Returns false while the bytes so far could still be the start of a BOM.
    private bool ResolveBom()
    {
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        if (_count < bom.Length && bom.StartsWith(_buffer.AsSpan(0, _count))) return false;
        _bomPending = false;
        if (_buffer.AsSpan(0, _count).StartsWith(bom))
        {
            _buffer.AsSpan(bom.Length, _count - bom.Length).CopyTo(_buffer);
            _count -= bom.Length;
            _scanned = 0;
        }
        return true;
    }

    // Returns false when the whole buffer was part of the overlong line.
    private bool SkipRestOfOverlongLine()
    {
        int i = _buffer.AsSpan(0, _count).IndexOf((byte)'\n');
        if (i < 0)
        {
            _count = _scanned = 0;
            return false;
        }
        _buffer.AsSpan(i + 1, _count - i - 1).CopyTo(_buffer);
        _count -= i + 1;
        _scanned = 0;
        _discarding = false;
        return true;
    }

    // A whole overlong line [start, newline) sits in the buffer: keep its first Max + 1 bytes and a '\n', close the gap.
    // Returns the index of the new '\n'.
    private int Truncate(int start, int newline)
    {
        int cut = start + Max + 1;
        _buffer[cut] = (byte)'\n';
        _buffer.AsSpan(newline + 1, _count - newline - 1).CopyTo(_buffer.AsSpan(cut + 1));
        _count -= newline - cut;
        return cut;
    }
}
