using System.Buffers;
using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace RxLog.Sources;

/// <summary>Source for <c>check</c> on a plain file: the file cut into slices of whole lines that the parsing workers
/// read themselves, at their own offsets, so that the kernel's copy and the cutting into lines run on every core
/// rather than on the one thread that owns the clock.</summary>
/// <remarks>
/// <para>Slice <c>k</c> owns the lines that start in bytes <c>[k·S, (k+1)·S)</c> (a line starts at offset 0 or after a
/// <c>\n</c>). Its reader reads from the byte before the slice, which tells whether a line starts at the slice's first
/// byte, up to <see cref="LineLimits.MaxLineBytes"/> + 1 bytes past it, enough to end its last line or to know that it
/// is too long. So every slice is read on its own, in any order, and together they hold every line once.</para>
/// <para>The lines are those <see cref="StreamLineChunker"/> gives for the same bytes: a UTF-8 BOM at offset 0
/// dropped, every line ending with <c>\n</c> (a last line without one gets one), a line longer than
/// <c>MaxLineBytes</c> cut to its first <c>MaxLineBytes + 1</c> bytes. The file's length is taken when it is opened:
/// <c>check</c> replays the file as it was then (lines appended later are not read), and a file cut shorter meanwhile
/// ends where the reads find its end.</para>
/// <para>Only a seekable file that is not gzip is sliced (<see cref="TryOpen"/>); a pipe or a <c>.gz</c> is read as a
/// stream by <see cref="FileReplaySource"/>.</para>
/// </remarks>
public sealed class FileSlices : IDisposable
{
    /// <summary>Bytes per slice: the unit of work of one parsing worker (see <see cref="FileReplaySource"/> on the size).</summary>
    public const int DefaultSliceBytes = 1024 * 1024;

    /// <summary>Largest slice: one slice's buffer (the slice, and a line's worth past it) must fit in an array.</summary>
    public const int MaxSliceBytes = 1 << 30;

    private const int Max = LineLimits.MaxLineBytes;

    // Bytes read past a slice at first: enough for almost any last line; the rest of MaxLineBytes + 1 only if not.
    private const int TailGuess = 4096;
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    private readonly FileStream _file;
    private readonly int _sliceBytes;

    private readonly bool _ownsFile;

    private FileSlices(FileStream file, string origin, long length, int sliceBytes, bool ownsFile)
    {
        _file = file;
        _ownsFile = ownsFile;
        Origin = origin;
        Length = length;
        _sliceBytes = sliceBytes;
    }

    /// <summary>Opens <paramref name="path"/> for slicing; null when it is not a seekable, non-empty file, or is
    /// gzip (those are read as a stream). I/O errors (a missing file included) propagate.</summary>
    public static FileSlices? TryOpen(string path, int sliceBytes = DefaultSliceBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sliceBytes, 1);
        var file = FileReplaySource.Open(path);
        try
        {
            var slices = TryFrom(file, path, sliceBytes, ownsFile: true);
            if (slices is not null) file = null;
            return slices;
        }
        finally
        {
            file?.Dispose();
        }
    }

    /// <summary><see cref="TryOpen"/> over a file already open, named <paramref name="origin"/>; the caller keeps
    /// <paramref name="file"/> and disposes it after the slices, unless <paramref name="ownsFile"/>.</summary>
    public static FileSlices? TryFrom(FileStream file, string origin, int sliceBytes = DefaultSliceBytes,
        bool ownsFile = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sliceBytes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sliceBytes, MaxSliceBytes);
        if (!file.CanSeek || file.Length == 0) return null;
        Span<byte> magic = stackalloc byte[2];
        int read = RandomAccess.Read(file.SafeFileHandle, magic, 0);
        if (read == 2 && magic[0] == 0x1f && magic[1] == 0x8b) return null;
        return new FileSlices(file, origin, file.Length, sliceBytes, ownsFile);
    }

    /// <summary>The path, stamped on every chunk.</summary>
    public string Origin { get; }

    /// <summary>The file's length when it was opened: what is read.</summary>
    public long Length { get; }

    /// <summary>How many slices the file is cut into.</summary>
    public int Count => checked((int)((Length + _sliceBytes - 1) / _sliceBytes));

    /// <summary>Every slice in file order (from slice <paramref name="from"/>), on the subscribing thread;
    /// <paramref name="cancel"/> ends the sequence early, like the end of the file.</summary>
    public IObservable<FileSlice> InOrder(CancellationToken cancel = default, int from = 0) =>
        Observable.Create<FileSlice>(observer =>
        {
            ArgumentOutOfRangeException.ThrowIfNegative(from);
            for (int i = from; i < Count && !cancel.IsCancellationRequested; i++) observer.OnNext(new FileSlice(this, i));
            observer.OnCompleted();
            return Disposable.Empty;
        });

    /// <summary>Reads slice <paramref name="index"/> into a buffer of its own (a pooled chunk: the consumer returns it),
    /// numbering its lines from <paramref name="firstLineNumber"/>. Thread-safe: slices may be read in parallel.</summary>
    /// <remarks>I/O errors propagate. A slice in which no line starts (inside one long line) is an empty chunk.</remarks>
    public LineChunk Read(int index, long firstLineNumber)
    {
        long lo = (long)index * _sliceBytes;
        long hi = Math.Min(lo + _sliceBytes, Length);
        long from = index == 0 ? 0 : lo - 1;
        // Lines starting before hi may need Max + 1 bytes past it; slice 0's first line starts after the BOM, which a
        // slice of a few bytes does not reach.
        long to = Math.Min(Length, (index == 0 ? Math.Max(hi, Bom.Length) : hi) + Max + 1);
        int size = (int)(to - from);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(size + 1);   // + 1: room for the '\n' a last line may lack
        try
        {
            int want = (int)(Math.Min(to, hi + TailGuess) - from);
            int read = ReadAt(from, buffer.AsSpan(0, want));
            bool cut = read < want;                      // short: the file was cut while being read
            int owned = (int)Math.Min(hi - from, read);  // a line starting before this index is this slice's
            int start = FirstLineStart(buffer.AsSpan(0, read), index, owned);
            // The file's first line is slice 0's, even where a BOM before it reaches past a (tiny) slice.
            if (index == 0 && read > start) owned = Math.Max(owned, start + 1);
            if (!cut && read < size && start < owned && buffer.AsSpan(owned - 1, read - (owned - 1)).IndexOf((byte)'\n') < 0)
            {
                // The last line goes on past the first read: read up to MaxLineBytes + 1 past the slice.
                int more = ReadAt(from + read, buffer.AsSpan(read, size - read));
                cut = more < size - read;
                read += more;
            }
            bool atEnd = cut || from + read == Length;
            int end = start < owned ? CutLines(buffer, start, owned, read, atEnd) : start;
            return new LineChunk(Origin, buffer, end - start, firstLineNumber, Pooled: true, Start: start);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    public void Dispose()
    {
        if (_ownsFile) _file.Dispose();
    }

    private int ReadAt(long offset, Span<byte> into) => FileReads.Fully(_file.SafeFileHandle, into, offset);

    // Where the slice's first line starts in what was read: after the BOM, or after the first '\n' before `owned`
    // (the read starts one byte early); `owned` or more when no line starts in the slice.
    private static int FirstLineStart(ReadOnlySpan<byte> read, int index, int owned)
    {
        if (index == 0) return read.StartsWith(Bom) ? Bom.Length : 0;
        if (owned < 1) return owned;
        int newline = read[..(owned - 1)].IndexOf((byte)'\n');
        return newline < 0 ? owned : newline + 1;
    }

    // Makes [start, end) hold the slice's lines, each ending in '\n' and none longer than Max + 1 bytes; returns end.
    // Lines start before `owned`; `read` bytes are valid; `atEnd` says the file ends there.
    private static int CutLines(byte[] buffer, int start, int owned, int read, bool atEnd)
    {
        // The common case: the last line ends in what was read, and no line is too long; then nothing moves.
        int last = buffer.AsSpan(owned - 1, read - (owned - 1)).IndexOf((byte)'\n');
        int end;
        if (last >= 0)
        {
            end = owned - 1 + last + 1;
        }
        else if (atEnd)
        {
            // Only the last line can lack its '\n'; whether it is too long is checked below like every line.
            buffer[read] = (byte)'\n';
            end = read + 1;
        }
        else
        {
            return CutLinesOneByOne(buffer, start, owned, read);
        }

        return LineLimits.NoneTooLong(buffer.AsSpan(start, end - start)) ? end : CutLinesOneByOne(buffer, start, owned, read);
    }

    // The slow path, where some line is too long: each line in turn, cut to Max + 1 bytes, the lines moved down over
    // the bytes dropped.
    private static int CutLinesOneByOne(byte[] buffer, int start, int owned, int read)
    {
        int write = start;
        for (int p = start; p < owned;)
        {
            int newline = buffer.AsSpan(p, read - p).IndexOf((byte)'\n');
            int length = (newline < 0 ? read : p + newline) - p;
            int kept = Math.Min(length, Max + 1);
            buffer.AsSpan(p, kept).CopyTo(buffer.AsSpan(write));
            write += kept;
            buffer[write++] = (byte)'\n';
            // No '\n': the file's last line, or (the read reaching Max + 1 past `owned`) a line too long to see its end;
            // either way no line of this slice follows.
            if (newline < 0) break;
            p += newline + 1;
        }
        return write;
    }
}

/// <summary>One slice of a <see cref="FileSlices"/>, to be read by whoever parses it.</summary>
/// <remarks>A class, not a struct: Rx over a reference type runs ReadyToRun code shared by every class, where a
/// struct would make start-up JIT-compile each operator for it (one per slice of a megabyte costs nothing).</remarks>
public sealed record FileSlice(FileSlices File, int Index)
{
    /// <inheritdoc cref="FileSlices.Read"/>
    public LineChunk Read(long firstLineNumber) => File.Read(Index, firstLineNumber);

    /// <summary>Reads the slice before the lines ahead of it are counted: the first slice's lines are numbered from 1,
    /// the others' from <see cref="LineChunk.Unnumbered"/>, for the consumer to move to their place.</summary>
    public LineChunk Read() => Read(Index == 0 ? 1 : LineChunk.Unnumbered);
}
