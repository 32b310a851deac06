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

        // The subscribing thread only hands out slices and passes batches on, but it is not always running when a
        // worker finishes (it does its per-second work, and shares the cores): with one slice more than workers the
        // workers waited for it, and the cores idled 13 % of a two-core run. Three slices ahead per worker halved
        // that (-7 to -11 % wall on 5M lines); the cap keeps a many-core machine's memory in bounds.
        return InOrder(slices, static slice => slice.Read, newParser,
            inFlight: threads + Math.Min(3 * threads, MaxSlicesAhead), parse);
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

    private readonly record struct Parsed(ParsedBatch Batch, long FirstLineNumber, int Lines);

    /// <param name="load">Runs on the subscribing thread, in order; the function it returns runs on a worker and gives
    /// the chunk to parse (a pooled one: the worker returns its buffer).</param>
    /// <param name="inFlight">Work items left with the workers each time control returns to the source.</param>
    private static IObservable<ParsedBatch> InOrder<T>(IObservable<T> work, Func<T, Func<LineChunk>> load,
        Func<ILogLineParser> newParser, int inFlight, ChunkParser parse) =>
        Observable.Create<ParsedBatch>(observer =>
        {
            var parsers = new ConcurrentBag<ILogLineParser>();
            var queue = new Queue<Task<Parsed>>();
            bool failed = false;
            long nextLine = 1;

            bool PassOnOldest()
            {
                Parsed parsed;
                try
                {
                    parsed = queue.Dequeue().GetAwaiter().GetResult();
                }
                catch (Exception error)   // a parser's failure (wrapped), or a worker's read failing: this stage's error
                {
                    failed = true;
                    observer.OnError(error is ParsedLines.ParserFailedException ? error.InnerException! : error);
                    return false;
                }
                var batch = parsed.Batch;
                try
                {
                    nextLine = Place(batch.Buffer.AsSpan(batch.Start, batch.Count), parsed.FirstLineNumber, parsed.Lines,
                        nextLine);
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

            Task<Parsed> ParseLater(Func<LineChunk> chunkOf) => Task.Run(() =>
            {
                var chunk = chunkOf();
                var parser = parsers.TryTake(out var pooled) ? pooled : newParser();
                try
                {
                    // One slot per line when the source counted them (then the buffer never grows: a grown one is a
                    // fresh allocation); else a guess at the entries (counting ahead writes far fewer than lines),
                    // and a buffer that must grow doubles, still a size the pool takes back.
                    var buffer = ArrayPool<ParsedLine>.Shared.Rent(
                        chunk.LineCount >= 0 ? Math.Max(1, chunk.LineCount) : Math.Max(16, chunk.Count / 128));
                    int count = parse(chunk, parser, ref buffer, out int lines);
                    return new Parsed(new ParsedBatch(buffer, 0, count), chunk.FirstLineNumber, lines);
                }
                finally
                {
                    parsers.Add(parser);
                    ArrayPool<byte>.Shared.Return(chunk.Buffer);
                }
            });

            return work.Subscribe(
                item =>
                {
                    if (failed) return;
                    queue.Enqueue(ParseLater(load(item)));
                    while (queue.Count > inFlight && PassOnOldest())
                    {
                    }
                },
                error =>
                {
                    // The source failed after the work in flight: pass that on first, as one thread would have.
                    while (!failed && queue.Count > 0 && PassOnOldest())
                    {
                    }
                    if (!failed) observer.OnError(error);
                },
                () =>
                {
                    while (!failed && queue.Count > 0 && PassOnOldest())
                    {
                    }
                    if (!failed) observer.OnCompleted();
                });
        });

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
