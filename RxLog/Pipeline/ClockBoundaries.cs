using System.Reactive.Concurrency;
using System.Reactive.Linq;
using RxLog.Aggregation;
using RxLog.Parsing;

namespace RxLog.Pipeline;

/// <summary>Log time's clock: a boundary only where a decision or a report can change, so a replay costs what its
/// lines cost, not what its seconds cost (CONTRACT.md "Clocks").</summary>
/// <remarks>A decision changes only where the window's total does: where a second that read lines enters it
/// (<c>s + 1</c>) or leaves it (<c>s + 1 + W</c>); a report closes at the end of an interval that read lines. Every
/// other boundary would repeat the decision before it, so leaving it out changes no result: the decisions are those
/// of a second-by-second evaluation (an alert recovers inside a gap of the log at its exact second), and a year of a
/// quiet site costs three boundaries per second that read lines at most.</remarks>
public static class ClockBoundaries
{
    /// <summary>The boundaries that <paramref name="replayed"/> (batches within the clock's second, as
    /// <see cref="LogTimeReplay"/> gives them) needs on <paramref name="scheduler"/>, each once, in order.</summary>
    public static IObservable<SecondBoundary> WhereDecisionsCanChange(IObservable<ParsedBatch> replayed,
        IScheduler scheduler, int windowSeconds, int intervalSeconds)
    {
        var closing = TimeSpan.FromSeconds(1);
        var leaving = TimeSpan.FromSeconds(1 + windowSeconds);
        return replayed
            .SkipWhile(static batch => !HasRecord(batch))   // invalid lines before the first record start no clock
            .Select(_ => new SecondBoundary(scheduler.Now.ToUnixTimeSeconds()))
            .DistinctUntilChanged(static read => read.Second)
            .Publish(read => Observable.Merge(
                read.Delay(closing, scheduler),      // the second closes and enters the window at s + 1
                read.Delay(leaving, scheduler),      // and leaves it W seconds later
                read.Select(s => ReportInterval.StartOf(s.Second, intervalSeconds) + intervalSeconds)
                    .DistinctUntilChanged()
                    .SelectMany(end => Observable.Timer(DateTimeOffset.FromUnixTimeSeconds(end), scheduler)
                        .Select(_ => new SecondBoundary(end)))))   // its report closes at the interval's end
            .Select(_ => new SecondBoundary(scheduler.Now.ToUnixTimeSeconds()))
            .DistinctUntilChanged(static boundary => boundary.Second);   // several reasons at one instant: one boundary
    }

    private static bool HasRecord(ParsedBatch batch)
    {
        foreach (ref readonly var line in batch.Lines)
            if (line.IsTimed) return true;
        return false;
    }
}
