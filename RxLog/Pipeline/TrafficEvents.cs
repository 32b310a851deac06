using System.Reactive.Concurrency;
using System.Reactive.Linq;
using RxLog.Parsing;

namespace RxLog.Pipeline;

/// <summary>Rx façade: parsed lines and second boundaries in, reports, alerts and the summary out.</summary>
public static class TrafficEvents
{
    /// <summary>Merges <paramref name="lines"/> with <paramref name="boundaries"/> into one serialised stream and runs
    /// it through a <see cref="MonitorState"/>, one per subscription; completes with the summary when both end.</summary>
    /// <remarks>Per line this is a Merge, a Select and a Where: O(1) and allocation-free unless an event is due.</remarks>
    public static IObservable<MonitorEvent> ToTrafficEvents(this IObservable<ParsedLine> lines, IObservable<long> boundaries,
        MonitorSettings settings, IScheduler scheduler) =>
        Observable.Defer(() =>
        {
            var state = new MonitorState(settings);
            return Observable.Merge(
                    lines.Select(static line => new MonitorInput(line, 0)),
                    boundaries.Select(static boundary => new MonitorInput(default, boundary)))
                .Select(input => input.Boundary != 0 ? state.OnBoundary(input.Boundary) : state.OnLine(input.Line))
                .Concat(Observable.Defer(() => Observable.Return(state.OnCompleted(scheduler.Now))))
                .Where(static events => events.Count > 0)
                .SelectMany(static events => events);
        });

    /// <summary>A line or a boundary; a boundary is never 0 (that would be the epoch itself).</summary>
    private readonly record struct MonitorInput(ParsedLine Line, long Boundary);
}
