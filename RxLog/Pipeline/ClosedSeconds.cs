using System.Reactive.Concurrency;
using System.Reactive.Linq;
using RxLog.Aggregation;
using RxLog.Parsing;

namespace RxLog.Pipeline;

/// <summary>Rx façade of the clock: lines and whole-second boundaries in, one <see cref="ClosedSecond"/> per boundary
/// out. The one place per-line work happens on the clock's thread, in a loop over each batch.</summary>
public static class ClosedSeconds
{
    /// <summary>Serialises <paramref name="batches"/>, <paramref name="boundaries"/> and <paramref name="backfill"/>
    /// into one stream: the clock. Boundaries must end for it to end.</summary>
    public static IObservable<ClockInput> ToClock(this IObservable<ParsedBatch> batches,
        IObservable<SecondBoundary> boundaries, IObservable<ParsedBatch>? backfill = null) =>
        Observable.Merge(
            batches.Select(static batch => new ClockInput(batch, 0)),
            boundaries.Select(static boundary => new ClockInput(null, boundary.Second)),
            (backfill ?? Observable.Empty<ParsedBatch>()).Select(static batch => new ClockInput(batch, 0, Backfill: true)));

    /// <summary>The seconds of <paramref name="clock"/>, each closed at its boundary with what was read in it (an
    /// <see cref="OpenSecond"/> per subscription); at the end, the open second if it read anything.</summary>
    /// <remarks>Lines count in the second the clock is in when they arrive, <paramref name="scheduler"/>'s now: the
    /// records' own (clamped) time in log time, the arrival second in live modes. Lines arrive within one
    /// <c>OnNext</c> (their buffer is reused after it), so they are counted there, never held.</remarks>
    public static IObservable<ClosedSecond> ToClosedSeconds(this IObservable<ClockInput> clock, IScheduler scheduler) =>
        Observable.Defer(() =>
        {
            var open = new OpenSecond();
            return clock
                .Select(input =>
                {
                    if (input.IsBoundary) return open.Close(input.Boundary);
                    long now = scheduler.Now.ToUnixTimeSeconds();
                    if (input.Backfill) open.Backfill(input.Lines!.Lines, now);
                    else open.Count(input.Lines!.Lines, now);
                    return null;
                })
                .Where(static closed => closed is not null)
                .Select(static closed => closed!)
                .Concat(Observable.Defer(() => open.Flush() is { } last
                    ? Observable.Return(last)
                    : Observable.Empty<ClosedSecond>()));
        });
}
