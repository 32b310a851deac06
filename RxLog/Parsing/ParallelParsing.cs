using System.Buffers;
using System.Collections.Concurrent;
using System.Reactive.Linq;
using RxLog.Sources;

namespace RxLog.Parsing;

/// <summary>Parsing stage on several cores: chunks are parsed in parallel and their batches passed on in file order,
/// so everything downstream sees exactly what one thread would have produced.</summary>
/// <remarks>
/// Work is handed to workers in order and, once enough is in flight, the reading thread waits for the oldest and
/// passes its batch on; the pipeline therefore runs on that thread while the workers parse ahead. Each worker takes a
/// parser of its own from a small pool (parsers cache timestamps and sections and are not thread-safe). Buffers are
/// pooled, so memory stays at the chunks in flight (for a file's slices, up to <see cref="MaxSlicesAhead"/> more
/// than the workers). Lines keep their numbers: a source that numbers its chunks is trusted, and
/// the lines of a slice read by a worker (<see cref="LineChunk.Unnumbered"/>) are moved to their place here, where the
/// lines ahead of it are known.
/// </remarks>
public static class ParallelParsing
{
    /// <summary>Most slices parsed ahead of the one being passed on, beyond one per worker: each holds its parsed
    /// entries and interval tallies (up to a few MB when every line has a new client and section).</summary>
    public const int MaxSlicesAhead = 16;

    /// <summary>Chunks read by the source, parsed on <paramref name="threads"/> workers.</summary>
    /// <param name="parse">What each chunk becomes: by default one <see cref="ParsedLine"/> per non-blank line
    /// (<see cref="ParsedLines"/>).</param>
    public static IObservable<ParsedBatch> ToParsedBatches(this IObservable<LineChunk> chunks, Func<ILogLineParser> newParser,
        int threads, ChunkParser? parse = null)
    {
        parse ??= static (LineChunk chunk, ILogLineParser parser, ref ParsedLine[] buffer, out int lines) =>
            ParsedLines.Parse(chunk, parser, rejects: null, ref buffer, out lines);
        if (threads <= 1) return chunks.ToParsedBatches(newParser(), parse);
        // The reading thread reads the next chunk while the workers parse: `threads` in flight keep every core busy.
        return InOrder(chunks, OwnCopy, newParser, inFlight: threads, parse);
    }

    /// <summary>A file's slices, each read and parsed by one of <paramref name="threads"/> workers; with one thread,
    /// read and parsed on the subscribing thread.</summary>
    public static IObservable<ParsedBatch> ToParsedBatches(this IObservable<FileSlice> slices, Func<ILogLineParser> newParser,
        int threads, ChunkParser parse)
    {
        if (threads <= 1)
        {
            // Numbered as the workers' are, after parsing, from the lines the parse counted.
            return Observable.Defer(() =>
            {
                long nextLine = 1;
                ChunkParser numbered = (LineChunk chunk, ILogLineParser parser, ref ParsedLine[] buffer, out int lines) =>
                {
                    int count = parse(chunk, parser, ref buffer, out lines);
                    nextLine = Place(buffer.AsSpan(0, count), chunk.FirstLineNumber, lines, nextLine);
                    return count;
                };
                return slices.Select(slice => slice.Read()).ToParsedBatches(newParser(), numbered);
            });
        }

        return InOrder(slices, static slice => slice.Read, newParser, SlicesInFlight(threads), parse);
    }

    // A chunk whose buffer the source reuses once OnNext returns: the worker gets a copy of its own.
    private static Func<LineChunk> OwnCopy(LineChunk chunk)
    {
        if (!chunk.Pooled)
        {
            var copy = ArrayPool<byte>.Shared.Rent(chunk.Count);
            chunk.Lines.CopyTo(copy);
            chunk = chunk with { Buffer = copy, Pooled = true, Start = 0 };
        }
        return () => chunk;
    }

    // Entries of a guessed buffer: 1,024 of about 80 bytes stay under the large-object heap's 85,000 bytes.
    private const int SmallObjectEntries = 1024;

    private readonly record struct Parsed(ParsedBatch Batch, long FirstLineNumber, int Lines);

    /// <param name="load">Runs on the subscribing thread, in order; the function it returns runs on a worker and gives
    /// the chunk to parse (a pooled one: the worker returns its buffer).</param>
    /// <param name="inFlight">Work items left with the workers each time control returns to the source.</param>
    private static IObservable<ParsedBatch> InOrder<T>(IObservable<T> work, Func<T, Func<LineChunk>> load,
        Func<ILogLineParser> newParser, int inFlight, ChunkParser parse) =>
        Observable.Create<ParsedBatch>(observer =>
            new OrderedWork(newParser, parse).PassOn(work, load, inFlight, observer));

    /// <summary>A file's slices parsed on <paramref name="threads"/> workers, as
    /// <c>file.InOrder(cancel).ToParsedBatches(newParser, threads, parse)</c>, except that with more than one thread the
    /// workers start on the first slices now rather than when the result is subscribed: building and subscribing the
    /// pipeline downstream (~8 ms of a run's start-up) then overlaps their reading and parsing. Subscribe exactly once,
    /// on the thread that called this (the work queue is not thread-safe); a second subscription throws.</summary>
    public static IObservable<ParsedBatch> ParsedAhead(this FileSlices file, Func<ILogLineParser> newParser, int threads,
        ChunkParser parse, CancellationToken cancel = default)
    {
        if (threads <= 1) return file.InOrder(cancel).ToParsedBatches(newParser, threads, parse);
        int inFlight = SlicesInFlight(threads);
        var work = new OrderedWork(newParser, parse);
        int started = cancel.IsCancellationRequested ? 0 : Math.Min(inFlight, file.Count);
        for (int i = 0; i < started; i++) work.Start(new FileSlice(file, i).Read);
        int subscribed = 0;
        return Observable.Create<ParsedBatch>(observer =>
        {
            // The slices started above are passed on once: a second subscriber would silently miss them.
            if (Interlocked.Exchange(ref subscribed, 1) != 0)
                throw new InvalidOperationException("Slices parsed ahead can be subscribed to once only.");
            return work.PassOn(file.InOrder(cancel, from: started), static slice => slice.Read, inFlight, observer);
        });
    }

    // The subscribing thread only hands out slices and passes batches on, but it is not always running when a worker
    // finishes (it does its per-second work, and shares the cores): with one slice more than workers the workers waited
    // for it, and the cores idled 13 % of a two-core run. Three slices ahead per worker halved that (-7 to -11 % wall on
    // 5M lines); the cap keeps a many-core machine's memory in bounds.
    private static int SlicesInFlight(int threads) => threads + Math.Min(3 * threads, MaxSlicesAhead);

    // The work in flight, oldest first, and the parsers the workers share. Work may start before anyone subscribes;
    // its batches are passed on, in order, by one subscription.
    private sealed class OrderedWork(Func<ILogLineParser> newParser, ChunkParser parse)
    {
        private readonly ConcurrentBag<ILogLineParser> _parsers = new();
        private readonly Queue<Task<Parsed>> _queue = new();
        private bool _failed;
        private long _nextLine = 1;
        private int _mostEntries;   // most entries one chunk wrote, when its lines were not counted

        public void Start(Func<LineChunk> chunkOf) => _queue.Enqueue(Task.Run(() =>
        {
            var chunk = chunkOf();
            var parser = _parsers.TryTake(out var pooled) ? pooled : newParser();
            try
            {
                // One slot per line when the source counted them (then the buffer never grows: a grown one is a
                // fresh allocation); else a guess at the entries, and a buffer that must grow doubles, still a size
                // the pool takes back. Counting ahead writes about one entry per second of the log, so the guess
                // stays below the large-object heap: a slice's 8,192 entries of old (640 KB, for ~25 used) made the
                // pool miss often enough for the 5M-line check to allocate 14 MB of them there, and run two full GCs.
                // A sparse log (a line a second, or one entry a line after a jump of days) grows it to thousands:
                // later slices then ask for what the largest one wrote, which the pool holds once given back.
                var buffer = ArrayPool<ParsedLine>.Shared.Rent(chunk.LineCount >= 0
                    ? Math.Max(1, chunk.LineCount)
                    : Math.Max(Math.Clamp(chunk.Count / 1024, 16, SmallObjectEntries), Volatile.Read(ref _mostEntries)));
                int count = parse(chunk, parser, ref buffer, out int lines);
                if (count > Volatile.Read(ref _mostEntries)) Volatile.Write(ref _mostEntries, count);   // a race only sizes
                return new Parsed(new ParsedBatch(buffer, 0, count) { Origin = chunk.Origin }, chunk.FirstLineNumber, lines);
            }
            finally
            {
                _parsers.Add(parser);
                ArrayPool<byte>.Shared.Return(chunk.Buffer);
            }
        }));

        public IDisposable PassOn<T>(IObservable<T> work, Func<T, Func<LineChunk>> load, int inFlight,
            IObserver<ParsedBatch> observer) =>
            work.Subscribe(
                item =>
                {
                    if (_failed) return;
                    Start(load(item));
                    while (_queue.Count > inFlight && PassOnOldest(observer))
                    {
                    }
                },
                error =>
                {
                    // The source failed after the work in flight: pass that on first, as one thread would have.
                    while (!_failed && _queue.Count > 0 && PassOnOldest(observer))
                    {
                    }
                    if (!_failed) observer.OnError(error);
                },
                () =>
                {
                    while (!_failed && _queue.Count > 0 && PassOnOldest(observer))
                    {
                    }
                    if (!_failed) observer.OnCompleted();
                });

        private bool PassOnOldest(IObserver<ParsedBatch> observer)
        {
            Parsed parsed;
            try
            {
                parsed = _queue.Dequeue().GetAwaiter().GetResult();
            }
            catch (Exception error)   // a parser's failure (wrapped), or a worker's read failing: this stage's error
            {
                _failed = true;
                observer.OnError(error is ParsedLines.ParserFailedException ? error.InnerException! : error);
                return false;
            }
            var batch = parsed.Batch;
            try
            {
                _nextLine = Place(batch.Buffer.AsSpan(batch.Start, batch.Count), parsed.FirstLineNumber, parsed.Lines,
                    _nextLine);
                if (batch.Count > 0) observer.OnNext(batch);
            }
            finally
            {
                // Only the entries written hold references; clearing all of a rented array cost more than parsing.
                Array.Clear(batch.Buffer, 0, batch.Count);
                ArrayPool<ParsedLine>.Shared.Return(batch.Buffer);
            }
            return true;
        }
    }

    // The entries of a chunk of `lines` lines numbered from `first`, taken in order where `nextLine` is the next line
    // number: a chunk numbered from LineChunk.Unnumbered moves to its place. Returns the line number after the chunk.
    private static long Place(Span<ParsedLine> entries, long first, int lines, long nextLine)
    {
        if (first < LineChunk.Unnumbered) return first + lines;
        long shift = nextLine - LineChunk.Unnumbered;
        for (int i = 0; i < entries.Length; i++) entries[i] = entries[i] with { LineNumber = entries[i].LineNumber + shift };
        return nextLine + lines;
    }
}
