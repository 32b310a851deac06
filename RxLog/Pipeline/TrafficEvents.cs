using System.Reactive.Concurrency;
using System.Reactive.Linq;
using RxLog.Parsing;

namespace RxLog.Pipeline;

/// <summary>Rx façade: parsed lines and second boundaries in, reports, alerts and the summary out.</summary>
public static class TrafficEvents
{
    /// <summary>Merges <paramref name="batches"/> with <paramref name="boundaries"/> into one serialised stream and runs
    /// it through a <see cref="MonitorState"/>, one per subscription; completes with the summary when both end.</summary>
    /// <param name="arrivalSecond">Live modes (<c>--clock wall</c>): the second a batch arrives in, which its records
    /// count in whatever their own timestamps say; null in log time.</param>
    /// <param name="backfill">Wall-clock modes: lines from before the run, for the alert window only
    /// (<see cref="MonitorState.OnBackfill"/>); like <paramref name="boundaries"/>, it must end for the events to end.</param>
    /// <remarks>Per batch this is a Merge, a Select and a Where; per line, a loop in <see cref="MonitorState"/>.</remarks>
    public static IObservable<MonitorEvent> ToTrafficEvents(this IObservable<ParsedBatch> batches,
        IObservable<SecondBoundary> boundaries,
        MonitorSettings settings, IScheduler scheduler, Func<long>? arrivalSecond = null,
        IObservable<ParsedBatch>? backfill = null) =>
        Observable.Defer(() =>
        {
            var state = new MonitorState(settings);
            return Observable.Merge(
                    batches.Select(static batch => new MonitorInput(batch, 0)),
                    boundaries.Select(static boundary => new MonitorInput(null, boundary.Second)),
                    (backfill ?? Observable.Empty<ParsedBatch>()).Select(static batch => new MonitorInput(batch, 0, Backfill: true)))
                .Select(input => input.Boundary != 0 ? state.OnBoundary(input.Boundary)
                    : input.Backfill ? state.OnBackfill(input.Batch!.Lines,
                        arrivalSecond?.Invoke() ?? scheduler.Now.ToUnixTimeSeconds())
                    : state.OnLines(input.Batch!.Lines, arrivalSecond?.Invoke()))
                .Concat(Observable.Defer(() => Observable.Return(state.OnCompleted(scheduler.Now))))
                .Where(static events => events.Count > 0)
                .SelectMany(static events => events);
        });

    /// <summary>A batch (of backfill or not) or a boundary; a boundary is never 0 (that would be the epoch itself).</summary>
    /// <remarks>A class, like the batches and chunks: Rx's operators over reference types share code that is compiled
    /// ahead of time, while every value type would need its own at startup (about a third of <c>check</c>'s start).</remarks>
    private sealed record MonitorInput(ParsedBatch? Batch, long Boundary, bool Backfill = false);
}
