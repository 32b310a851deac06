using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using RxLog.Parsing;

namespace RxLog.Pipeline;

/// <summary>The one place the stages meet: parsed lines → clock → reports and alerts.</summary>
public static class MonitorPipeline
{
    /// <summary><c>check</c> and <c>--clock log</c>: the records' own timestamps drive <paramref name="scheduler"/>.</summary>
    public static IObservable<MonitorEvent> InLogTime(IObservable<ParsedLine> lines, MonitorSettings settings,
        HistoricalScheduler scheduler) =>
        lines.ReplayInLogTime(scheduler).Publish(replayed => replayed.ToTrafficEvents(
            SecondTicks.WhileActive(replayed, scheduler, settings.WindowSeconds + settings.IntervalSeconds),
            settings, scheduler));

    /// <summary>Live modes (<c>--clock wall</c>): a record counts in the second it arrives; every second is decided
    /// and every interval reported, idle ones included.</summary>
    public static IObservable<MonitorEvent> InWallTime(IObservable<ParsedLine> lines, MonitorSettings settings,
        IScheduler scheduler) =>
        lines.Select(line => line.Kind == LineKind.Record
                ? line with { Record = line.Record with { Second = scheduler.Now.ToUnixTimeSeconds() } }
                : line)
            .Publish(stamped => stamped.ToTrafficEvents(
                SecondTicks.Every(scheduler).TakeUntil(stamped.IgnoreElements().Select(_ => Unit.Default)
                    .Concat(Observable.Return(Unit.Default))),
                settings with { ReportIdleIntervals = true }, scheduler));
}
