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
    /// <remarks>Per batch this is a Merge, a Select and a Where; per line, a loop in <see cref="MonitorState"/>.</remarks>
    public static IObservable<MonitorEvent> ToTrafficEvents(this IObservable<ParsedBatch> batches, IObservable<long> boundaries,
        MonitorSettings settings, IScheduler scheduler, Func<long>? arrivalSecond = null) =>
        Observable.Defer(() =>
        {
            var state = new MonitorState(settings);
            return Observable.Merge(
                    batches.Select(static batch => new MonitorInput(batch, 0)),
                    boundaries.Select(static boundary => new MonitorInput(null, boundary)))
                .Select(input => input.Boundary != 0
                    ? state.OnBoundary(input.Boundary)
                    : state.OnLines(input.Batch!.Lines, arrivalSecond?.Invoke()))
                .Concat(Observable.Defer(() => Observable.Return(state.OnCompleted(scheduler.Now))))
                .Where(static events => events.Count > 0)
                .SelectMany(static events => events);
        });

    /// <summary>A batch or a boundary; a boundary is never 0 (that would be the epoch itself).</summary>
    /// <remarks>A class, like the batches and chunks: Rx's operators over reference types share code that is compiled
    /// ahead of time, while every value type would need its own at startup (about a third of <c>check</c>'s start).</remarks>
    private sealed record MonitorInput(ParsedBatch? Batch, long Boundary);
}
