using System.IO.Compression;
using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace RxLog.Sources;

/// <summary>Source for <c>check</c>: reads a whole file (or stdin, "-") once, on the subscribing thread, and completes at its
/// end. gzip input (magic bytes <c>1f 8b</c>) is decompressed, so <c>check access.log.2.gz</c> works.</summary>
public static class FileReplaySource
{
    /// <summary>The path that means stdin.</summary>
    public const string Stdin = "-";

    /// <summary>Every subscription reads <paramref name="path"/> from its start to its end on the subscribing thread, then
    /// completes; an I/O failure (missing file included) ends it with <c>OnError</c>. <paramref name="cancel"/> stops the
    /// reading early and completes, like the end of input (a line not yet ended is dropped), so an interrupted
    /// <c>check</c> still reports what it read (the subscription cannot be disposed before the read returns).</summary>
    /// <param name="pooledChunks">See <see cref="LineChunk.Pooled"/>: for consumers that return each chunk's buffer
    /// (the parsing stage does), so that parsing on several cores needs no copy.</param>
    public static IObservable<LineChunk> Read(string path, CancellationToken cancel = default, bool pooledChunks = false)
    {
        if (path == Stdin) return ReadStream(Console.OpenStandardInput(), Stdin, cancel, pooledChunks);
        return Observable.Create<LineChunk>(observer =>
        {
            FileStream file;
            try
            {
                file = Open(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                observer.OnError(e);
                return Disposable.Empty;
            }
            using (file) ReadAll(file, path, observer, cancel, pooledChunks);
            return Disposable.Empty;
        });
    }

    /// <summary>Like <see cref="Read(string, CancellationToken)"/> over a stream the caller owns (not disposed here);
    /// <paramref name="origin"/> names it in chunks. Meant for a single subscription: the stream is read once.</summary>
    public static IObservable<LineChunk> ReadStream(Stream stream, string origin, CancellationToken cancel = default,
        bool pooledChunks = false) =>
        Observable.Create<LineChunk>(observer =>
        {
            ReadAll(stream, origin, observer, cancel, pooledChunks);
            return Disposable.Empty;
        });

    /// <summary>Opens <paramref name="path"/> for reading, or says why it cannot be read, in one line (<c>"no such file:
    /// PATH"</c>, <c>"is a directory: PATH"</c>, <c>"permission denied: PATH"</c>); null and no file for stdin. The CLI
    /// fails fast on the answer and reads from the handle it got: a named pipe must be opened once only, since
    /// closing it ends its writer.</summary>
    public static string? TryOpen(string path, out FileStream? file)
    {
        file = null;
        if (path == Stdin) return null;
        if (Directory.Exists(path)) return $"is a directory: {path}";
        try
        {
            file = Open(path);
            return null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return $"no such file: {path}";
        }
        catch (UnauthorizedAccessException)
        {
            return $"permission denied: {path}";
        }
        catch (IOException e)
        {
            return $"cannot read {path}: {e.Message}";
        }
    }

    // Replays read in 1 MiB pieces, four times the live sources' 256 KiB: each piece is one task of the parallel parser,
    // and a quarter of the hand-offs made check on two threads 10-15 % faster (2M lines: 0.76 s -> 0.66-0.69 s), for
    // 6 MB more peak RSS on 5M lines (54 -> 60 MB). 4 MiB was faster still but cost 33 MB more; 8 MiB 74 MB more.
    private const int ReplayBufferSize = 1024 * 1024;

    internal static FileStream Open(string path) => new(path, new FileStreamOptions
    {
        Mode = FileMode.Open,
        Access = FileAccess.Read,
        Share = FileShare.ReadWrite | FileShare.Delete,   // never block the writer or a rotator
        BufferSize = 0,                                   // the chunker makes big reads itself
        Options = FileOptions.SequentialScan,
    });

    private static void ReadAll(Stream stream, string origin, IObserver<LineChunk> observer, CancellationToken cancel,
        bool pooledChunks)
    {
        var chunker = new StreamLineChunker(origin, ReplayBufferSize, pooledChunks);
        GzipCheck? gzip = null;
        try
        {
            // Only the reads are guarded: an exception thrown by the observer is not an input error.
            Stream input;
            try
            {
                input = Uncompressed(stream, out gzip);
            }
            catch (Exception e) when (IsInputError(e))
            {
                observer.OnError(e);
                return;
            }
            while (!cancel.IsCancellationRequested)
            {
                int read;
                try
                {
                    read = chunker.Fill(input);
                }
                catch (Exception e) when (IsInputError(e))
                {
                    observer.OnError(e);
                    return;
                }
                if (read == 0)
                {
                    try
                    {
                        gzip?.ThrowIfDamaged(origin);
                    }
                    catch (Exception e) when (IsInputError(e))
                    {
                        observer.OnError(e);
                        return;
                    }
                    chunker.Finish(observer);
                    observer.OnCompleted();
                    return;
                }
                chunker.Emit(observer);
            }
            observer.OnCompleted();
        }
        finally
        {
            gzip?.Dispose();
        }
    }

    // InvalidDataException: a damaged gzip stream.
    private static bool IsInputError(Exception e) =>
        e is IOException or UnauthorizedAccessException or InvalidDataException;

    private static Stream Uncompressed(Stream stream, out GzipCheck? gzip)
    {
        var magic = new byte[2];
        int n = 0;
        while (n < magic.Length && stream.Read(magic, n, magic.Length - n) is var read and > 0) n += read;
        Stream plain;
        if (stream.CanSeek)
        {
            stream.Seek(-n, SeekOrigin.Current);
            plain = stream;
        }
        else
        {
            plain = new PrefixedStream(magic, n, stream);
        }
        if (n == 2 && magic[0] == 0x1f && magic[1] == 0x8b)
        {
            var compressed = new TailWatchingStream(plain);
            var inflated = new TailWatchingStream(new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true));
            gzip = new GzipCheck(compressed, inflated);
            return inflated;
        }
        gzip = null;
        return plain;
    }

    /// <summary>.NET's GZipStream ends quietly where a gzip file was cut short; this notices it at the end.</summary>
    /// <remarks>The decompressed size must match the trailer (ISIZE, modulo 2³²). A file of several gzip members
    /// (<c>cat a.gz b.gz</c>) has only the last member's size there, so a mismatch counts as damage only when the
    /// output also stops in the middle of a line, as a cut almost always does.</remarks>
    private sealed class GzipCheck(TailWatchingStream compressed, TailWatchingStream inflated) : IDisposable
    {
        public void ThrowIfDamaged(string origin)
        {
            Span<byte> rest = stackalloc byte[4096];
            while (compressed.Read(rest) > 0) { }   // what follows the end-of-stream marker is part of the trailer check
            bool sizeMatches = (uint)inflated.Total == compressed.LastFourLittleEndian;
            if (!sizeMatches && inflated.LastByte != (byte)'\n')
                throw new InvalidDataException(
                    $"damaged or truncated gzip data: it ends after {inflated.Total} bytes, mid-line");
        }

        public void Dispose() => inflated.Dispose();
    }
}
