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
    /// and every interval reported, idle ones included. <paramref name="backfill"/> (<c>watch</c>) brings lines from
    /// before the run, which fill the alert window only; the run ends with <paramref name="batches"/>.</summary>
    public static IObservable<MonitorEvent> InWallTime(IObservable<ParsedBatch> batches, MonitorSettings settings,
        IScheduler scheduler, IObservable<ParsedBatch>? backfill = null) =>
        batches.Publish(shared =>
        {
            var end = shared.IgnoreElements().Select(_ => Unit.Default).Concat(Observable.Return(Unit.Default));
            return shared.ToTrafficEvents(SecondTicks.Every(scheduler).TakeUntil(end),
                settings with { ReportIdleIntervals = true }, scheduler,
                arrivalSecond: () => scheduler.Now.ToUnixTimeSeconds(), backfill: backfill?.TakeUntil(end));
        });
}
