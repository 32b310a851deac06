using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using RxLog.Aggregation;
using RxLog.Parsing;

namespace RxLog.Pipeline;

/// <summary>Rx façade of the clock: lines and whole-second boundaries in, one <see cref="ClosedSecond"/> per boundary
/// out. The one place per-line work happens on the clock's thread, in a loop over each batch.</summary>
public static class ClosedSeconds
{
    /// <summary>Live modes: serialises <paramref name="batches"/>, <paramref name="boundaries"/> and
    /// <paramref name="backfill"/> into one stream, the clock. Boundaries and backfill must end for it to end.</summary>
    public static IObservable<ClockInput> ToClock(this IObservable<ParsedBatch> batches,
        IObservable<SecondBoundary> boundaries, IObservable<ParsedBatch>? backfill = null) =>
        Observable.Merge(
            batches.Select(static batch => new ClockInput(batch, 0)),
            boundaries.Select(static boundary => new ClockInput(null, boundary.Second)),
            (backfill ?? Observable.Empty<ParsedBatch>()).Select(static batch => new ClockInput(batch, 0, backfill: true)));

    /// <summary>Log time: adds <paramref name="boundaries"/> to the clock <paramref name="replayed"/> (which brings its
    /// own: <see cref="LogTimeReplay"/>). Boundaries must end for it to end.</summary>
    /// <remarks>One input per subscription, set anew for each boundary, as the replay does with its own (see
    /// <see cref="ClockInput"/>): a quiet log asks for a boundary per report.</remarks>
    public static IObservable<ClockInput> ToClock(this IObservable<ClockInput> replayed,
        IObservable<SecondBoundary> boundaries) =>
        replayed.Merge(Observable.Defer(() =>
        {
            var input = new ClockInput(null, 0);
            return boundaries.Select(boundary => input.SetBoundary(boundary.Second));
        }));

    /// <summary>One notification when <paramref name="source"/> has ended, for <c>TakeUntil</c>.</summary>
    /// <remarks>An object, not <c>Unit</c>: see <see cref="ClockBoundaries.AskedFor"/> on value types at start-up.</remarks>
    public static IObservable<object> WhenEnded<T>(this IObservable<T> source) =>
        source.IgnoreElements().Select(static _ => Ended).Concat(Observable.Return(Ended));

    private static readonly object Ended = new();

    /// <summary>The seconds of <paramref name="clock"/>, each closed at its boundary with what was read in it (an
    /// <see cref="OpenSecond"/> per subscription); at the end, the open second if it read anything. Records are also
    /// counted for the rules that look at each one (<paramref name="ruleScopes"/>, one set per subscription).</summary>
    /// <remarks>Lines count in the second the clock is in when they arrive, <paramref name="scheduler"/>'s now: the
    /// records' own (clamped) time in log time, the arrival second in live modes. Lines arrive within one
    /// <c>OnNext</c> (their buffer is reused after it), so they are counted there, never held.</remarks>
    public static IObservable<ClosedSecond> ToClosedSeconds(this IObservable<ClockInput> clock, IScheduler scheduler,
        Func<RuleScopes?>? ruleScopes = null, bool countSources = false) =>
        // One stage, not a Select of each input and an OfType of the closed seconds among them: a quiet log closes
        // a second per line, and each stage is a call per input.
        Observable.Create<ClosedSecond>(observer =>
        {
            var open = new OpenSecond(ruleScopes?.Invoke(), countSources);
            return clock.Subscribe(
                input =>
                {
                    ClosedSecond? closed = null;
                    try
                    {
                        if (input.IsBoundary) closed = open.Close(input.Boundary);   // null: a boundary passed before
                        else
                        {
                            long now = scheduler.Now.ToUnixTimeSeconds();
                            if (input.Backfill) open.Backfill(input.Lines, now);
                            else open.Count(input.Lines, now, input.Batch!.Origin);
                        }
                    }
                    catch (Exception error)
                    {
                        observer.OnError(error);   // as a Select's selector would
                        return;
                    }
                    if (closed is not null) observer.OnNext(closed);
                },
                observer.OnError,
                () =>
                {
                    if (open.Flush() is { } last) observer.OnNext(last);
                    observer.OnCompleted();
                });
        });
}
