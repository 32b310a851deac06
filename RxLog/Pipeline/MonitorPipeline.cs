using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using RxLog.Parsing;

namespace RxLog.Pipeline;

/// <summary>The one place the stages meet: parsed lines → clock → reports and alerts.</summary>
public static class MonitorPipeline
{
    /// <summary><c>check</c> and <c>--clock log</c>: the records' own timestamps drive <paramref name="scheduler"/>.</summary>
    public static IObservable<MonitorEvent> InLogTime(IObservable<ParsedBatch> batches, MonitorSettings settings,
        HistoricalScheduler scheduler) =>
        batches.ReplayInLogTime(scheduler).Publish(replayed => replayed.ToTrafficEvents(
            SecondTicks.WhileActive(replayed, scheduler, settings.WindowSeconds + settings.IntervalSeconds),
            settings, scheduler));

    /// <summary>Live modes (<c>--clock wall</c>): a record counts in the second it arrives; every second is decided
    /// and every interval reported, idle ones included.</summary>
    public static IObservable<MonitorEvent> InWallTime(IObservable<ParsedBatch> batches, MonitorSettings settings,
        IScheduler scheduler) =>
        batches.Publish(shared => shared.ToTrafficEvents(
            SecondTicks.Every(scheduler).TakeUntil(shared.IgnoreElements().Select(_ => Unit.Default)
                .Concat(Observable.Return(Unit.Default))),
            settings with { ReportIdleIntervals = true }, scheduler,
            arrivalSecond: () => scheduler.Now.ToUnixTimeSeconds()));
}
