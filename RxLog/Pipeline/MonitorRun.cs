using System.Reactive.Concurrency;
using System.Reactive.Linq;
using RxLog.Aggregation;
using RxLog.Parsing;
using RxLog.Rendering;
using RxLog.Sources;

namespace RxLog.Pipeline;

/// <summary>Runs a whole pipeline from a source to a view and hands back the summary: one call per CLI mode.</summary>
public static class MonitorRun
{
    /// <summary><c>check</c>: replays <paramref name="chunks"/> in log time on the calling thread, as fast as it reads.</summary>
    /// <remarks>Cancellation is checked per batch on the reading thread, so the clock is never advanced from two
    /// threads; the run then ends like end of input, with the last report and the summary. With
    /// <paramref name="threads"/> above 1, chunks are parsed on that many cores (<see cref="ParallelParsing"/>);
    /// rejected lines are written in order, so <c>--rejects</c> parses on the reading thread.</remarks>
    public static RunSummary Check(IObservable<LineChunk> chunks, Func<ILogLineParser> newParser, MonitorSettings settings,
        IMonitorView view, CancellationToken cancel = default, IRejectedLineSink? rejects = null, int threads = 1,
        Func<string?>? formatName = null)
    {
        if (settings.LinesRead is { } counted) chunks = chunks.Do(chunk => counted.Add(chunk.Origin, chunk.CountLines()));
        var batches = rejects is null
            ? chunks.ToParsedBatches(newParser, threads, WorkerParse(settings))
            : chunks.ToParsedBatches(newParser(), rejects);
        return Replay(batches, settings, view, cancel, rejects, formatName);
    }

    /// <summary><c>check</c> on a plain file without <c>--rejects</c>: like <see cref="Check(IObservable{LineChunk},
    /// Func{ILogLineParser}, MonitorSettings, IMonitorView, CancellationToken, IRejectedLineSink?, int, Func{string?}?)"/>,
    /// but the parsing workers read the file's slices themselves (<see cref="FileSlices"/>), so only per-second work is
    /// left to the thread that owns the clock. The same slices whatever <paramref name="threads"/> is: the same output.</summary>
    public static RunSummary Check(FileSlices file, Func<ILogLineParser> newParser, MonitorSettings settings,
        IMonitorView view, CancellationToken cancel = default, int threads = 1, Func<string?>? formatName = null) =>
        Replay(file.ParsedAhead(newParser, threads, CountingLines(WorkerParse(settings), settings.LinesRead), cancel),
            settings, view, cancel, rejects: null, formatName);

    // The parsing workers count the lines ahead (ChunkTally), for the rules that look at each record too: one pass over
    // each record on the workers, and per-second work only on the clock's thread.
    private static ChunkParser WorkerParse(MonitorSettings settings) =>
        ChunkTally.For(settings.IntervalSeconds, settings.Rules is { NeedsRecords: true } rules ? rules.NewScopes : null);

    // The workers read a file's slices themselves: they count the lines they were given.
    private static ChunkParser CountingLines(ChunkParser parse, SourceLines? counted) => counted is null
        ? parse
        : (LineChunk chunk, ILogLineParser parser, ref ParsedLine[] buffer, out int lines) =>
        {
            int entries = parse(chunk, parser, ref buffer, out lines);
            counted.Add(chunk.Origin, lines);
            return entries;
        };

    private static RunSummary Replay(IObservable<ParsedBatch> batches, MonitorSettings settings, IMonitorView view,
        CancellationToken cancel, IRejectedLineSink? rejects, Func<string?>? formatName)
    {
        var lines = batches.TakeWhile(_ => !cancel.IsCancellationRequested);
        return Show(MonitorPipeline.InLogTime(lines, settings, new HistoricalScheduler()), view, formatName, rejects).Wait();
    }

    /// <summary>Live modes: lines arrive on the source's thread; the clock is <paramref name="scheduler"/> (wall time),
    /// or, with <paramref name="logClock"/>, the lines' own timestamps. Cancellation ends the run like end of input.</summary>
    /// <remarks>Each source (<see cref="LineChunk.Origin"/>: a followed file, stdin) is parsed by a parser of its own from
    /// <paramref name="newParser"/>, so <c>watch a.log b.log</c> may follow files of different formats. Backfill chunks
    /// (<see cref="LineChunk.Backfill"/>) fill the alert window only, in wall time; they are never written to
    /// <paramref name="rejects"/>, and in log time they are left out.</remarks>
    public static async Task<RunSummary> LiveAsync(IObservable<LineChunk> chunks, Func<string, ILogLineParser> newParser,
        MonitorSettings settings, IMonitorView view, IScheduler scheduler, bool logClock, CancellationToken cancel,
        IRejectedLineSink? rejects = null, Func<string?>? formatName = null)
    {
        var stop = Observable.Create<int>(o => cancel.Register(() => { o.OnNext(0); o.OnCompleted(); }));
        IObservable<MonitorEvent> events;
        if (settings.LinesRead is { } counted)
            chunks = chunks.Do(chunk => { if (!chunk.Backfill) counted.Add(chunk.Origin, chunk.CountLines()); });
        if (logClock)
        {
            // The historical clock may only be advanced from one thread: parse, stop and replay on one event loop.
            var loop = new EventLoopScheduler();
            var lines = Parse(chunks.Where(chunk => !chunk.Backfill), newParser, rejects)
                .Select(batch => batch.Copy())   // the buffer is reused
                .ObserveOn(loop).TakeUntil(stop.ObserveOn(loop));
            events = MonitorPipeline.InLogTime(lines, settings, new HistoricalScheduler()).Finally(loop.Dispose);
        }
        else
        {
            // One subscription to the sources, two streams out of it: what is read live, and what fills the window.
            events = chunks.Publish(shared => MonitorPipeline.InWallTime(
                Parse(shared.Where(chunk => !chunk.Backfill), newParser, rejects).TakeUntil(stop), settings, scheduler,
                backfill: Parse(shared.Where(chunk => chunk.Backfill), newParser, rejects: null)));
        }
        return await Show(events, view, formatName, rejects);
    }

    private static IObservable<ParsedBatch> Parse(IObservable<LineChunk> chunks, Func<string, ILogLineParser> newParser,
        IRejectedLineSink? rejects) =>
        chunks.GroupBy(chunk => chunk.Origin)
            .SelectMany(source => source.ToParsedBatches(newParser(source.Key), rejects));

    /// <summary>Hands every event to the view; the summary first learns what is known only once every line was read:
    /// the format's name (when it was detected) and where the rejected lines went.</summary>
    private static RejectsWritten? Written(IRejectedLineSink? rejects)
    {
        if (rejects is null) return null;
        rejects.Flush();   // a full disk fails the run here, before the summary claims the lines were written
        return new RejectsWritten(rejects.Target, rejects.Count);
    }

    private static IObservable<RunSummary> Show(IObservable<MonitorEvent> events, IMonitorView view, Func<string?>? formatName,
        IRejectedLineSink? rejects) =>
        events.Select(e => e is RunSummary summary
                ? summary with
                {
                    Format = formatName?.Invoke() ?? summary.Format,
                    Rejects = Written(rejects),
                }
                : e)
            .Do(e =>
            {
                try { view.OnEvent(e); }
                catch (IOException ex) { throw OutputClosedException.For(ex); }
            })
            .OfType<RunSummary>()
            .LastAsync();
}
