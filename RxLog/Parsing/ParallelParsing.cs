using System.Buffers;
using System.Collections.Concurrent;
using System.Reactive.Linq;
using RxLog.Sources;

namespace RxLog.Parsing;

/// <summary>Parsing stage on several cores: chunks are parsed in parallel and their batches passed on in file order,
/// so everything downstream sees exactly what one thread would have produced.</summary>
/// <remarks>
/// The reading thread copies each chunk (its buffer is reused by the source), hands it to a worker, and once
/// <c>threads</c> chunks are in flight waits for the oldest and passes its batch on; the pipeline therefore runs on
/// the reading thread, between reads, while the workers parse ahead. Each worker takes a parser of its own from a
/// small pool (parsers cache timestamps and sections and are not thread-safe). Buffers are pooled, so memory stays
/// at about <c>threads + 1</c> chunks. Lines keep their numbers: the source numbers its chunks.
/// </remarks>
public static class ParallelParsing
{
    /// <param name="parse">What each chunk becomes: by default one <see cref="ParsedLine"/> per non-blank line
    /// (<see cref="ParsedLines"/>).</param>
    public static IObservable<ParsedBatch> ToParsedBatches(this IObservable<LineChunk> chunks, Func<ILogLineParser> newParser,
        int threads, ChunkParser? parse = null)
    {
        parse ??= static (LineChunk chunk, ILogLineParser parser, ref ParsedLine[] buffer) =>
            ParsedLines.Parse(chunk, parser, rejects: null, ref buffer);
        if (threads <= 1) return chunks.ToParsedBatches(newParser(), parse);
        return Observable.Create<ParsedBatch>(observer =>
        {
            var parsers = new ConcurrentBag<ILogLineParser>();
            var inFlight = new Queue<Task<ParsedBatch>>();
            bool failed = false;

            bool PassOnOldest()
            {
                ParsedBatch batch;
                try
                {
                    batch = inFlight.Dequeue().GetAwaiter().GetResult();
                }
                catch (ParsedLines.ParserFailedException error)
                {
                    failed = true;
                    observer.OnError(error.InnerException!);
                    return false;
                }
                try
                {
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

            Task<ParsedBatch> ParseLater(LineChunk chunk) => Task.Run(() =>
            {
                var parser = parsers.TryTake(out var pooled) ? pooled : newParser();
                try
                {
                    // One slot per line, so the buffer never grows (a grown one would be a fresh large allocation).
                    var buffer = ArrayPool<ParsedLine>.Shared.Rent(Math.Max(1, chunk.CountLines()));
                    int count = parse(chunk, parser, ref buffer);
                    return new ParsedBatch(buffer, 0, count);
                }
                finally
                {
                    parsers.Add(parser);
                    ArrayPool<byte>.Shared.Return(chunk.Buffer);
                }
            });

            return chunks.Subscribe(
                chunk =>
                {
                    if (failed) return;
                    if (!chunk.Pooled)
                    {
                        // The source reuses its buffer once this call returns: the worker gets a copy of its own.
                        var copy = ArrayPool<byte>.Shared.Rent(chunk.Count);
                        chunk.Lines.CopyTo(copy);
                        chunk = chunk with { Buffer = copy, Pooled = true };
                    }

                    inFlight.Enqueue(ParseLater(chunk));
                    while (inFlight.Count > threads && PassOnOldest())
                    {
                    }
                },
                error =>
                {
                    if (!failed) observer.OnError(error);
                },
                () =>
                {
                    while (!failed && inFlight.Count > 0 && PassOnOldest())
                    {
                    }
                    if (!failed) observer.OnCompleted();
                });
        });
    }
}
